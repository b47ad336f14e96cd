"""The engine adapter: the MkDocs plugin (mkdocs_plugin.py, events only) and the
Python-Markdown extensions. The only package that imports mkdocs."""

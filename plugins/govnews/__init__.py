"""govnews: a static site generator for Chinese town and district government news.

The core (catalog, vocab, facets, views, render, cli, importer) is plain Python and never
imports mkdocs; ``plugin.py`` only adapts MkDocs events to it.
"""

__version__ = "0.1.0"

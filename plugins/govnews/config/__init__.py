"""The site's configuration: typed settings (settings.py), the `plugins.govnews` options of
mkdocs.yml and their validation (options.py), and the one loader from a project (project.py)."""

"""Leaves every layer uses: text and dates, path:line diagnostics, YAML reading, URLs, the
Markdown body scanner. Nothing here imports the rest of govnews."""

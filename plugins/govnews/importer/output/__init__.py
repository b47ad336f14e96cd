"""Articles → files: front matter, stable paths, pictures and attachments copied, the report."""

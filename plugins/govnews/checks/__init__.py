"""What is wrong with the input, in Chinese at path:line: article checks run while the catalog
reads (articles.py: ARTICLE_CHECKS), links, wording, and the column-update audit."""

"""The name editors write in mkdocs.yml (`markdown_extensions: - govnews.plain_indent`); the code is
in govnews.engine.plain_indent, with the other parts that speak Python-Markdown."""

from govnews.engine.plain_indent import *  # noqa: F401,F403
from govnews.engine.plain_indent import makeExtension  # noqa: F401

"""The name editors write in mkdocs.yml (`markdown_extensions: - govnews.chinese_breaks`); the code is
in govnews.engine.chinese_breaks, with the other parts that speak Python-Markdown."""

from govnews.engine.chinese_breaks import *  # noqa: F401,F403
from govnews.engine.chinese_breaks import makeExtension  # noqa: F401

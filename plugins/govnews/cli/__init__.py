"""The `govnews` command (check, new, import, audit …): argument parsing and printing only;
the work is done by the layers below. `python -m govnews.cli` runs it too."""

from govnews.cli.commands import main

__all__ = ["main"]

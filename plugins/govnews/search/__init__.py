"""Chinese full-text search with Pagefind: records, query terms, the build-time indexer."""

from govnews.search.indexer import SearchIndexer, indexable

__all__ = ["SearchIndexer", "indexable"]

"""govnews: a static site generator for Chinese town and district government news.

The layout is the architecture. Layers, lowest first; a module imports only its own layer
and the layers above it in this list (tests/test_architecture.py keeps it so):

    common/    text, diagnostics (path:line messages), YAML, URLs, the Markdown body scanner
    config/    typed settings and options from mkdocs.yml, one load_settings
    perf/      build-speed machinery: forked halves, read-ahead, GC pauses
    model/     the catalog (articles parsed from files), vocabularies, facets, documents, policies
    checks/    what is wrong with the input: article checks, links, wording, column audit
    search/    Chinese full-text search with Pagefind: records, terms, shards, the indexer
    site/      what readers get: pages (site/pages: one class per generated page kind),
               feeds, SEO, stats, the page shell; templates/ and assets/
    importer/  `govnews import`: readers (file → text), text (text → articles), output
    cli/       the `govnews` command
    engine/    the MkDocs adapter and the Markdown extensions: the only code that imports
               mkdocs (engine/contract.py names what the core needs from an engine)

`govnews.plain_indent` and `govnews.chinese_breaks` are the names mkdocs.yml uses for the
Markdown extensions in engine/.
"""

__version__ = "0.1.0"

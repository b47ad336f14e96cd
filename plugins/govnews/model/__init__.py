"""The content model: articles parsed from files into a catalog (catalog.py parses; the checks
it is handed check), vocabularies, facets, policy documents and their relations."""

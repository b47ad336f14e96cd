"""What readers get: the core Site (build.py) the engine drives, page kinds (pages/), page
rendering, feeds, SEO, stats, related articles, FAQ, the page shell; templates/ and assets/."""

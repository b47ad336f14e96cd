"""Text → articles: boilerplate cleaning, blocks, bylines, dates, classification, splitting,
CMS page detection, policy references, Markdown bodies."""

"""Readers: one file format → text with its structure (clipping.py dispatches by format:
saved pages, .docx, .doc, .pdf, .txt, .mht)."""

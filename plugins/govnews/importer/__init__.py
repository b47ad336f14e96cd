"""`govnews import`: turn raw clippings (txt/docx/doc/pdf/html) into articles ready to commit.

Pipeline (pipeline.py), one small module per step, in three folders (none imports MkDocs):
readers/ (file → text), text/ (text → articles), output/ (articles → files):
readers (bytes → text) → clean (page/web boilerplate) → blocks (lines → headings, bylines,
paragraphs; broken lines joined) → split (blocks → articles) → dates / classify (date, town,
topics, type) → markdown (body) → write (front matter, stable paths) → report.
Government CMS article pages (saved or copied): cmspage finds title, meta line, staff lines
and the page chrome around the article; the page is then one article (split.single_article).
"""

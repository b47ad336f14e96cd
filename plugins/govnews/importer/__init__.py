"""`govnews import`: turn raw clippings (txt/docx/html) into articles ready to commit.

Pipeline, one small module per step (none imports MkDocs):
readers (bytes → text) → clean (page/web boilerplate) → blocks (lines → headings, bylines,
paragraphs; broken lines joined) → split (blocks → articles) → dates / classify (date, town,
topics, type) → markdown (body) → write (front matter, stable paths) → report.
"""

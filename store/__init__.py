"""sitrep's store: article files in, extracted rows out, kept in SQLite with provenance.

This package never imports textual: the dashboard depends on it, not the other way round.
"""

from __future__ import annotations

from store.articles import Article, ArticleError, article_from_text, load_article
from store.db import (
    SCHEMA_VERSION,
    StoreError,
    StoreNeedsUpgrade,
    default_db_path,
    open_store,
    row_counts,
)
from store.extract import Extraction, extract
from store.ingest import IngestReport, ingest_article, ingest_paths

__all__ = [
    "SCHEMA_VERSION",
    "Article",
    "ArticleError",
    "Extraction",
    "IngestReport",
    "StoreError",
    "StoreNeedsUpgrade",
    "article_from_text",
    "default_db_path",
    "extract",
    "ingest_article",
    "ingest_paths",
    "load_article",
    "open_store",
    "row_counts",
]

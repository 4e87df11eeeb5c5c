"""Ingestion, passages, embeddings, the index store and hybrid search."""

"""Articles -> store: parallel extraction, cross-article entity resolution, ingest and sharded extract/load."""

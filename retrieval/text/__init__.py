"""Plain-text tools shared by ingest and the figures: sentences with character spans."""

"""Builds the clinic's own English spaCy pipeline (no pretrained downloads)."""

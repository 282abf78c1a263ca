"""Renderers: pure functions from a finished report (or catalog) to text."""

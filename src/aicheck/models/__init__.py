"""Pydantic models: catalogs, crosswalks, answers files and reports."""

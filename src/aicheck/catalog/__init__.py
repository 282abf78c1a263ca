"""Finding, loading and cross-checking framework catalogs and crosswalks."""

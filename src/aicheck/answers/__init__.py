"""Reading answers files and checking them against the loaded catalogs."""

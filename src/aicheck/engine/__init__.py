"""The assessment engine: pure functions from catalogs, answers and a date to a report."""

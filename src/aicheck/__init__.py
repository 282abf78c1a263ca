"""aicheck: where an AI system stands against the major AI policy frameworks."""

__version__ = "0.1.0"

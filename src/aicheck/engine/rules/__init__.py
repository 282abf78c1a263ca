"""The EU AI Act classification rules, one module per step of the README's "How aicheck
decides"; :func:`aicheck.engine.classify.classify` runs them in order."""

"""The settings of a run, from the command line, `.aicheck.toml`, the environment and the
defaults."""

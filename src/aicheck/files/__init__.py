"""Reading and writing files: YAML input, atomic writes, a file's content at a git revision."""

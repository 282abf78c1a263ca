"""The `aicheck assess` interview: plan, loop and the asker interface (no terminal here)."""

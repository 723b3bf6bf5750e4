"""Excel I/O: reading, writing, template building and marking."""

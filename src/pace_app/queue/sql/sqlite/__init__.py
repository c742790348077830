"""SQLite migrations, applied in order of their numeric prefix."""

"""``ffaudit explain``: classify a captured Fireflies answer offline."""

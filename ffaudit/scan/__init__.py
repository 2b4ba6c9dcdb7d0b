"""``ffaudit scan``: files, the staged diff, history, repository context, baselines, --verify."""

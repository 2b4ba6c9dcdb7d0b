"""detect-secrets plugin, hook, audit and baselines: the only importers of detect_secrets."""

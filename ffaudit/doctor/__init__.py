"""ffaudit doctor: find the Fireflies key, diagnose it offline, then ask Fireflies once."""

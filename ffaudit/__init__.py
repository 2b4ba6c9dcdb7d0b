"""ffaudit: keep Fireflies.ai API keys out of source code and diagnose Fireflies auth failures."""

__version__ = '0.1.0'

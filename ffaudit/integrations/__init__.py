"""Adapters to other tools' plugin interfaces."""

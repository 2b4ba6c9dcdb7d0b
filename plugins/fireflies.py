"""detect-secrets plugin file: ``detect-secrets scan --plugin <this file>``.

A thin adapter: the detectors live in the installed ``ffaudit.ds_plugin`` module, so this file
only re-exports them (detect-secrets registers every public plugin class it finds here).
``ffaudit ds-portable --shim PATH`` writes this same text (``ffaudit.ds_support.SHIM``).
"""

from __future__ import annotations

from ffaudit.ds_plugin import FirefliesDetector
from ffaudit.ds_plugin import FirefliesWebhookSecretDetector

__all__ = ['FirefliesDetector', 'FirefliesWebhookSecretDetector']

"""detect-secrets plugin file: ``detect-secrets scan --plugin <this file>``.

A thin adapter: the detectors live in the installed module
``ffaudit.integrations.detect_secrets.plugin``, so this file only re-exports them (detect-secrets
registers every public plugin class it finds here). ``ffaudit ds-portable --shim PATH`` writes
this same text (``ffaudit.integrations.detect_secrets.baselines.SHIM``).
"""

from __future__ import annotations

from ffaudit.integrations.detect_secrets.plugin import FirefliesDetector
from ffaudit.integrations.detect_secrets.plugin import FirefliesWebhookSecretDetector

__all__ = ['FirefliesDetector', 'FirefliesWebhookSecretDetector']

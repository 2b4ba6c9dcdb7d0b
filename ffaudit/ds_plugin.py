"""Compatibility only: the dotted names users' detect-secrets baselines and shims already hold.

Baselines written by ffaudit 0.1 name ``ffaudit.ds_plugin.uuid_unless_fireflies`` (and its
``indirect_reference`` twin) in ``filters_used``, and ``ffaudit ds-portable --shim`` files import
the detectors from here. The code lives in ``ffaudit.integrations.detect_secrets.plugin``.
"""

from __future__ import annotations

from ffaudit.integrations.detect_secrets.plugin import FirefliesDetector
from ffaudit.integrations.detect_secrets.plugin import FirefliesWebhookSecretDetector
from ffaudit.integrations.detect_secrets.plugin import indirect_reference_unless_fireflies
from ffaudit.integrations.detect_secrets.plugin import uuid_unless_fireflies

__all__ = [
    'FirefliesDetector',
    'FirefliesWebhookSecretDetector',
    'indirect_reference_unless_fireflies',
    'uuid_unless_fireflies',
]

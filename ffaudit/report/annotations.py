"""GitHub Actions workflow commands (``::error file=...::message``), escaped once for every report.

The escaping follows actions/toolkit ``core/src/command.ts`` (escapeData, escapeProperty): a raw
newline in a message or a property would end the command and let file content start another.
"""

from __future__ import annotations

from collections.abc import Mapping


def escape_data(text: str) -> str:
    """Escape a workflow-command message (actions/toolkit command.ts ``escapeData``)."""
    return text.replace('%', '%25').replace('\r', '%0D').replace('\n', '%0A')


def escape_property(text: str) -> str:
    """Escape a workflow-command property such as ``file`` or ``title`` (``escapeProperty``)."""
    return escape_data(text).replace(':', '%3A').replace(',', '%2C')


def workflow_command(command: str, properties: Mapping[str, str], message: str) -> str:
    """One ``::command k=v,...::message`` line (no newline), every part escaped."""
    joined = ','.join(f'{k}={escape_property(v)}' for k, v in properties.items())
    head = f'::{command} {joined}' if joined else f'::{command}'
    return f'{head}::{escape_data(message)}'

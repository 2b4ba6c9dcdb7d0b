"""A real git repository in a temporary directory, for history, staged, CI and pre-commit tests.

Git runs with no global or system configuration and a fixed identity, so a developer's
``~/.gitconfig`` (hooks, signing, templates) never changes what a test sees.
"""

from __future__ import annotations

import os
import pathlib
import subprocess

KEY = '1adca7d8-385f-4383-86bb-103d1513b7e3'  # pragma: allowlist secret
GIT_ENV = {
    'GIT_CONFIG_GLOBAL': os.devnull,
    'GIT_CONFIG_NOSYSTEM': '1',
    'GIT_AUTHOR_NAME': 'Test',
    'GIT_AUTHOR_EMAIL': 'test@example.com',
    'GIT_COMMITTER_NAME': 'Test',
    'GIT_COMMITTER_EMAIL': 'test@example.com',
}


class Repo:
    """A real git repository in a temporary directory, with one commit per second from 2024."""

    def __init__(self, path: pathlib.Path) -> None:
        self.path = path
        self.ticks = 0
        path.mkdir(parents=True, exist_ok=True)
        self.git('init', '-q', '-b', 'main')

    def git(self, *args: str, **env: str) -> str:
        """Run git in the repository; its stripped stdout (``check=True``)."""
        proc = subprocess.run(
            ['git', '-C', str(self.path), *args],
            capture_output=True,
            env={**os.environ, **GIT_ENV, **env},
            check=True,
        )
        return proc.stdout.decode('utf-8', 'replace').strip()

    def write(self, name: str, content: str | bytes) -> None:
        """Write ``name`` (parents created); text is UTF-8."""
        target = self.path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content.encode() if isinstance(content, str) else content)

    def commit(self, message: str = 'change') -> str:
        """Commit everything (empty commits allowed) one second after the last; its sha."""
        self.ticks += 1
        date = f'2024-01-01T00:{self.ticks // 60:02d}:{self.ticks % 60:02d}+00:00'
        self.git('add', '-A')
        dates = {'GIT_AUTHOR_DATE': date, 'GIT_COMMITTER_DATE': date}
        self.git('commit', '-q', '--allow-empty', '-m', message, **dates)
        return self.git('rev-parse', 'HEAD')

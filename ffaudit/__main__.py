"""Entry point for ``python -m ffaudit``."""

from __future__ import annotations

from ffaudit.cli import main

if __name__ == '__main__':
    main()

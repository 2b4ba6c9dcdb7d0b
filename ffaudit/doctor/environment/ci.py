"""GitHub Actions context: the event payload, fork pull requests, why a secret is empty.

Evidence for the causes (forks, Dependabot, environments): docs/evidence.md#ci-secrets.
"""

from __future__ import annotations

from collections.abc import Mapping

from ffaudit import user_files
from ffaudit.doctor.inputs import DoctorInput
from ffaudit.model import CheckResult
from ffaudit.model import Status

SECTION = 'Environment'
_EVENT_LIMIT = 1 << 20
# Runs the step on pushes and same-repository PRs only; fork PRs get no secrets.
FORK_GUARD = 'if: ${{ !github.event.pull_request.head.repo.fork }}'


def github_event(env: Mapping[str, str]) -> dict[str, object]:
    """The GitHub Actions event payload at GITHUB_EVENT_PATH, or {} if unreadable."""
    try:  # a regular file only: a FIFO there must not hang the doctor
        raw = user_files.read_bytes(env.get('GITHUB_EVENT_PATH', ''), '', _EVENT_LIMIT)
        import json  # lazy: only under GitHub Actions (start-up time)

        data = json.loads(raw)
    except (user_files.Refused, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _repo(event: Mapping[str, object], side: str) -> str:
    pull = event.get('pull_request')
    part = pull.get(side) if isinstance(pull, dict) else None
    repo = part.get('repo') if isinstance(part, dict) else None
    name = repo.get('full_name') if isinstance(repo, dict) else None
    return name if isinstance(name, str) else ''


def fork_pull_request(env: Mapping[str, str]) -> tuple[str, str] | None:
    """(head, base) repository names when this run is a pull request from a fork."""
    event = github_event(env)
    head, base = _repo(event, 'head'), _repo(event, 'base')
    return (head, base) if head and base and head != base else None


MAPPING = 'env: FIREFLIES_API_KEY: ${{ secrets.FIREFLIES_API_KEY }}'


def _fork_without_secrets(env: Mapping[str, str]) -> tuple[str, str] | None:
    # pull_request_target runs in the base repository's context and does get its secrets
    if env.get('GITHUB_EVENT_NAME') == 'pull_request_target':
        return None
    return fork_pull_request(env)


def _unset_reason(env: Mapping[str, str]) -> tuple[str, str]:
    why = 'in GitHub Actions a secret reaches the step only if the workflow maps it'
    fork = _fork_without_secrets(env)
    if fork is not None:
        why += f' (and this pull request from the fork {fork[0]} gets no secrets at all)'
    return why, f'Map it on the step or job:  {MAPPING}'


def empty_secret_reason(env: Mapping[str, str], *, unset: bool = False) -> tuple[str, str]:
    """Why FIREFLIES_API_KEY is empty (or, ``unset``, missing) in GitHub Actions: (why, fix)."""
    if env.get('GITHUB_ACTIONS') != 'true':
        return '', ''
    if unset:
        return _unset_reason(env)
    fork = _fork_without_secrets(env)
    if fork is not None:
        why = f'this run is a pull request from the fork {fork[0]} into {fork[1]}'
        fix = f'GitHub passes no secrets to fork PRs: skip the doctor step there with  {FORK_GUARD}'
        return why, fix
    if env.get('GITHUB_ACTOR') == 'dependabot[bot]':
        why = 'this run was started by Dependabot, which only receives Dependabot secrets'
        return why, 'Add FIREFLIES_API_KEY under Settings > Secrets and variables > Dependabot'
    event = env.get('GITHUB_EVENT_NAME', 'unknown event')
    why = f'in GitHub Actions ({event}) the secret is missing, misspelled or environment-scoped'
    fix = (
        'Check the name in ${{ secrets.NAME }}; environment secrets need `environment:` on the job'
    )
    return why, fix


def check_ci(inp: DoctorInput) -> CheckResult:
    """Which CI runs the doctor (GitHub Actions: event, actor, fork)."""
    if inp.env.get('GITHUB_ACTIONS') != 'true':
        return CheckResult('env.ci', Status.SKIP, 'Not running in GitHub Actions', '', SECTION)
    event = inp.env.get('GITHUB_EVENT_NAME', 'unknown event')
    fork = fork_pull_request(inp.env)
    extra = f', pull request from fork {fork[0]}' if fork else ''
    msg = f'GitHub Actions ({event}{extra})'
    return CheckResult('env.ci', Status.PASS, msg, '', SECTION)

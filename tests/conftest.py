"""Shared fixtures. Keep each one small and documented: several test modules use them.

Fake Fireflies servers (tests/fakeserver): ``fake_fireflies`` (HTTPS, certificate from a local
trustme CA whose bundle is ``fireflies_ca_bundle``), ``fake_fireflies_http`` (plain HTTP) and
``self_signed_fireflies`` (HTTPS with a self-signed certificate). Each runs once per session on
127.0.0.1; the fixtures hand it over with an empty ``received`` list.
"""

from __future__ import annotations

import pathlib
from collections.abc import Iterator

import pytest
import trustme

from tests.fakeserver import FakeFireflies
from tests.fakeserver import self_signed_context
from tests.fakeserver import tls_context


@pytest.fixture(scope='session')
def fireflies_ca() -> trustme.CA:
    """The local CA that issued the ``fake_fireflies`` certificate."""
    return trustme.CA()


@pytest.fixture(scope='session')
def fireflies_ca_bundle(
    fireflies_ca: trustme.CA, tmp_path_factory: pytest.TempPathFactory
) -> pathlib.Path:
    """PEM file of ``fireflies_ca``: point REQUESTS_CA_BUNDLE here."""
    path = tmp_path_factory.mktemp('ca') / 'ca.pem'
    fireflies_ca.cert_pem.write_to_path(str(path))
    return path


@pytest.fixture(scope='session')
def _https_server(fireflies_ca: trustme.CA) -> Iterator[FakeFireflies]:
    with FakeFireflies(tls_context(fireflies_ca)) as server:
        yield server


@pytest.fixture(scope='session')
def _http_server() -> Iterator[FakeFireflies]:
    with FakeFireflies() as server:
        yield server


@pytest.fixture(scope='session')
def _self_signed_server() -> Iterator[FakeFireflies]:
    with FakeFireflies(self_signed_context()) as server:
        yield server


@pytest.fixture
def fake_fireflies(_https_server: FakeFireflies) -> FakeFireflies:
    """The HTTPS fake Fireflies server, with nothing received yet."""
    _https_server.received.clear()
    return _https_server


@pytest.fixture
def fake_fireflies_http(_http_server: FakeFireflies) -> FakeFireflies:
    """The plain-HTTP fake Fireflies server (loopback), with nothing received yet."""
    _http_server.received.clear()
    return _http_server


@pytest.fixture
def self_signed_fireflies(_self_signed_server: FakeFireflies) -> FakeFireflies:
    """An HTTPS fake Fireflies server whose certificate nothing trusts."""
    _self_signed_server.received.clear()
    return _self_signed_server

"""Texts for failed requests: what happened and what to do (docs/evidence.md#network-failures).

Never suggest disabling certificate verification. ``{host}``, ``{var}``, ``{path}``... are
filled in by ``failures.diagnose``.
"""

from __future__ import annotations

import re

ADVICE = {
    'tls': (
        'TLS verification failed{reason}: a proxy or security product is probably intercepting'
        ' HTTPS (corporate TLS inspection)',
        "Point REQUESTS_CA_BUNDLE at your organisation's CA bundle (PEM file); do not disable"
        ' certificate verification.',
    ),
    'tls-date': (
        "TLS verification failed{reason}: the server's certificate is outside its validity dates,"
        " or this computer's clock is wrong",
        'Check the system clock (date -u); if it is right, the endpoint or a proxy serves an'
        ' outdated certificate. Do not disable certificate verification.',
    ),
    'ca-bundle': (
        'TLS verification failed{reason} with the CA bundle that {var} points at ({path}): it'
        " lacks the issuer of the server's certificate (a TLS-inspecting proxy's CA?) or is"
        ' junk or empty',
        '{var} alone decides which certificates are trusted: make it a PEM file holding your'
        " organisation's CA and the public CAs, or unset it; do not disable certificate"
        ' verification.',
    ),
    'tls-config': (
        'TLS configuration problem: {var} points at {path}, which is not a readable CA bundle;'
        ' the key was not sent',
        'Point {var} at an existing PEM file (or unset it to use the default bundle).',
    ),
    'socks-missing': (
        'The proxy for {host} ({var}) is a SOCKS proxy, but SOCKS support is not installed;'
        ' the key was not sent',
        'Install it: pip install "requests[socks]"; or use an HTTP proxy.',
    ),
    'dropped': (
        '{host} closed the connection without answering; the request, key included, had been sent',
        'A proxy or firewall may be cutting the connection; retry, or try another network.',
    ),
    'deadline': (
        '{host} did not send its whole answer within {timeout:g} s (it trickled in); the request'
        ' had been sent',
        'Fireflies or a proxy is very slow: retry later, or raise --timeout.',
    ),
    'proxy-auth': (
        'The proxy demands credentials (HTTP 407 Proxy Authentication Required); Fireflies was'
        ' not reached',
        'Add the proxy credentials to HTTPS_PROXY, or ask IT; the key was not sent to Fireflies.',
    ),
    'proxy': (
        'Could not get through the proxy to {host}',
        'Check HTTPS_PROXY / NO_PROXY and that the proxy is reachable.',
    ),
    'dns': (
        'DNS lookup of {hostname} failed',
        'Check the host name in --endpoint, your network and DNS settings.',
    ),
    'refused': (
        '{host} refused the connection',
        'Check --endpoint; a firewall may be rejecting the traffic.',
    ),
    'connect-timeout': (
        'No connection to {host} within {timeout:g} s',
        'A firewall may drop the traffic, or a proxy is needed (HTTPS_PROXY); or raise --timeout.',
    ),
    'read-timeout': (
        '{host} did not answer within {timeout:g} s',
        'Fireflies or a proxy is slow: retry later, or raise --timeout.',
    ),
    'cut-short': (
        'The connection to {host} broke while the answer was being read',
        'Retry; if it persists, a proxy may be cutting connections.',
    ),
    'connection': (
        'Could not connect to {host}',
        'Check your network, proxy settings (HTTPS_PROXY) and --endpoint.',
    ),
    'request-error': (
        'The request could not be sent ({name})',
        'Check --endpoint and your network settings.',
    ),
}

CLOCK_WORDS = re.compile(r'(?i)expired|not yet valid')

# The same advice for a run that did not pass --endpoint: never point at a flag not given.
WITHOUT_ENDPOINT_FLAG = {
    'Check the host name in --endpoint, your network and DNS settings.': (
        'Check your network and DNS settings.'
    ),
    'Check --endpoint; a firewall may be rejecting the traffic.': (
        'A firewall may be rejecting the traffic.'
    ),
    'Check your network, proxy settings (HTTPS_PROXY) and --endpoint.': (
        'Check your network and proxy settings (HTTPS_PROXY).'
    ),
    'Check --endpoint and your network settings.': 'Check your network settings.',
    'A proxy or the wrong --endpoint may have answered; check the endpoint.': (
        'A proxy may have answered instead of Fireflies; try another network.'
    ),
}

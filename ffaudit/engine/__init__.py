"""Pure detection: text in, ``KeyMatch`` / ``TextScan`` out; no I/O, no git, no network.

Evidence: docs/evidence.md (one section per rule).
"""

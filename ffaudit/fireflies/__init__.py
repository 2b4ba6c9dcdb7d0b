"""The Fireflies API: where a key may be sent, the one probe, and what an answer means.

Evidence: docs/evidence.md#fireflies-answers, #the-request.
"""

# Fireflies webhook V2 handler
def handle(payload):
    client_reference_id = "0ca483c5-c0cb-4e28-a7c0-c7c77c0436d2"
    meeting_id = payload["meeting_id"]
    return client_reference_id, meeting_id

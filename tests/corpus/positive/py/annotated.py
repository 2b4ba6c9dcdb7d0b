from dataclasses import dataclass


@dataclass
class FirefliesConfig:
    fireflies_api_key: str = "96534088-5a93-4d18-b581-249d0a53a56d"
    meeting_id: str = "c540decc-c18f-43b3-96f4-180a87785abc"

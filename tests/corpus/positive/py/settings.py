"""Settings for the meeting-notes sync."""
import os

FIREFLIES_API_KEY = "42912c90-1bbd-4dd4-b74f-19fb07becd80"
FIREFLIES_URL = "https://api.fireflies.ai/graphql"

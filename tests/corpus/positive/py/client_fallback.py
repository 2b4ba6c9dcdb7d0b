import os

API_KEY = os.getenv("FIREFLIES_API_KEY", "cd7df116-dbb5-4146-8928-d302a19cdb66")

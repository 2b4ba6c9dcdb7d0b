import os

key = os.getenv("FIREFLIES_API_KEY")
headers = {"Authorization": f"Bearer {key}"}

import os

FIREFLIES_API_KEY = os.environ["FIREFLIES_API_KEY"]
URL = "https://api.fireflies.ai/graphql"

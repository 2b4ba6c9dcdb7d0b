import requests

URL = "https://api.fireflies.ai/graphql"


def query(q, key):
    return requests.post(URL, json={"query": q}, headers={"Authorization": "Bearer " + key})

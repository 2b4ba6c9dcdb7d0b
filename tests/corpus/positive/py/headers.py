import requests

URL = "https://api.fireflies.ai/graphql"
headers = {
    "Content-Type": "application/json",
    "Authorization": "Bearer bf692a6d-9bc9-4b91-9a08-b00fcb7f7d63",
}
resp = requests.post(URL, json={"query": "{ user { user_id } }"}, headers=headers)

import requests

r = requests.get("https://api.fireflies.ai/graphql?api_key=50941e79-b57f-4569-802a-e33618c7227a")

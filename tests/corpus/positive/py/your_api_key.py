import requests

your_api_key = 'b413ebd2-a54d-44d8-8901-c205122c0a83'  # Fireflies

requests.post('https://api.fireflies.ai/graphql', json={})

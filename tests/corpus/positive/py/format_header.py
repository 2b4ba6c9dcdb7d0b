import requests

k = '7a82ce0c-3727-47ea-9976-02620d199417'
URL = 'https://api.fireflies.ai/graphql'
requests.post(URL, headers={'Authorization': 'Bearer {}'.format(k)})

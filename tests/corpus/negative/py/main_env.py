import os

import requests

TRANSCRIPT_ID = 'de03cc11-b8ea-45e9-9549-47642c713703'
API_KEY = os.environ['FIREFLIES_API_KEY']

requests.post('https://api.fireflies.ai/graphql', headers={'Authorization': f'Bearer {API_KEY}'}, json={'variables': {'id': TRANSCRIPT_ID}})

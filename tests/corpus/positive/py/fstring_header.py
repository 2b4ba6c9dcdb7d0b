import requests

tok = '0bdc73cc-1e1f-4aec-a84e-e6ef8dfa090a'




def transcripts():
    headers = {'Authorization': f'Bearer {tok}'}
    return requests.post('https://api.fireflies.ai/graphql', headers=headers)

import requests

API_KEY = '07268768-6c09-49ff-a43a-623736d20c3a'
QUERY = '{ user { user_id email } }'




def main():
    headers = {'Authorization': f'Bearer {API_KEY}'}
    r = requests.post('https://api.fireflies.ai/graphql', json={'query': QUERY}, headers=headers)
    print(r.json())

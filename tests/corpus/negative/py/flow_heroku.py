import requests

t = '372c5e76-e055-4980-824a-9493f756afb5'
requests.get('https://api.heroku.com/account', headers={'Authorization': f'Bearer {t}'})






























FIREFLIES = 'https://api.fireflies.ai/graphql'

import os
import requests

request_id = '16566afc-f994-498f-8e0c-f59aa66614c3'
token = os.environ['FIREFLIES_API_KEY']
requests.post('https://api.fireflies.ai/graphql', headers={'Authorization': 'Bearer ' + token, 'X-Request-Id': request_id})

import os

SECRET_KEY = '5ab08f16-b0a5-41cf-a7fe-d65e7dc36b55'
DEBUG = False
FIREFLIES_API_KEY = os.environ['FIREFLIES_API_KEY']

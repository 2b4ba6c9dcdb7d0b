from decouple import config

JWT_SECRET_KEY = 'c9c78854-8311-4188-a205-ee545453ed2d'
CELERY_TASK_ID = 'cdf7df2d-d2ad-4ab6-99cc-a36175f2d536'
FIREFLIES_API_KEY = config('FIREFLIES_API_KEY')

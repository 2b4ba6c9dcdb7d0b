from decouple import config

DEBUG = config('DEBUG', default=False, cast=bool)
FIREFLIES_API_KEY = config('FIREFLIES_API_KEY', default='ee2aebc8-dc0c-4c24-9c0e-50e02f40b7ca')

# Windows-edited settings
DEBUG = False
FIREFLIES_API_KEY = "93ded95d-bc29-4474-b555-854c0e57882c"

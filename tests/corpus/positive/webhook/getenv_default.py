import os

secret = os.getenv("FIREFLIES_WEBHOOK_SECRET", "KSi5fmyT4ZNPby5penSl")

import os
from django.conf import settings

FIREFLIES_WEBHOOK_SECRET = os.environ["FIREFLIES_WEBHOOK_SECRET"]
fireflies_webhook_secret = settings.FIREFLIES_WEBHOOK_SECRET
webhook_secret = process.env.FIREFLIES_WEBHOOK_SECRET

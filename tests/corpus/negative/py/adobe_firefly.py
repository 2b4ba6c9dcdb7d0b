# Adobe Firefly image generation
ADOBE_FIREFLY_CLIENT_SECRET = "877b6657-dcfb-4b30-ac87-06c7aeab76d6"
firefly_api_key = "318cb61f-bbfc-4e7c-8159-e585dc5225a7"

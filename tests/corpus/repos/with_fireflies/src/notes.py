import requests

GRAPHQL = "https://api.fireflies.ai/graphql"

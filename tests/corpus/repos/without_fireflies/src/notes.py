import requests

GRAPHQL = "https://api.example.com/graphql"

import requests

TOKEN = "1bf40e0b-bf97-4e2f-86f6-cb216badcf00"


def contacts():
    headers = {"Authorization": f"Bearer {TOKEN}"}
    return requests.get("https://api.example-crm.com/v1/contacts", headers=headers)

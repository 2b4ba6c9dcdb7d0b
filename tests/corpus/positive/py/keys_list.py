import os

FIREFLIES_API_KEYS = ["c1c4deca-e4e6-4185-8f5a-da09b1b960cc", "a1ff7d7a-b24e-4add-8ad5-ca7a88f8c95a"]

API_KEYS = {
    "fireflies": "9d3fabe9-3dee-421e-a1cf-331452921246",
    "openai": os.environ["OPENAI_API_KEY"],
}

FIREFLIES_API_KEY = (
    "8400b262-9ae3-4ef9-8a08-61747aba0457"
)

FIREFLY_API_KEY = "50e9d34e-0850-4617-9b39-08db768be674"

def run(session):
    return session.post("https://api.fireflies.ai/graphql", headers={"Authorization": f"Bearer {FIREFLY_API_KEY}"})

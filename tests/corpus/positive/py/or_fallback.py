import os

key = os.environ.get("FIREFLIES_API_KEY") or "be47a4bb-5b45-4596-a994-2469aa260f08"

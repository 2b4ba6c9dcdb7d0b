# pragma: allowlist nextline secret
FIREFLIES_API_KEY = "f14f095b-fbed-4c5c-a92e-aafb864b1cec"

# Fireflies client example
your_api_key = '12345678-1234-4234-8234-123456789012'

# Configuração do serviço de notas
FIREFLIES_API_KEY = "7de8e5e7-1354-4f3c-a499-9001e26a1335"

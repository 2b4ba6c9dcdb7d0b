from fireflies import Fireflies

client = Fireflies("47cc1d6f-3b04-444a-9369-3dbdfc69fa89")
print(client.transcripts())

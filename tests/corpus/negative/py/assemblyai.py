import assemblyai as aai
aai.settings.api_key = "030adb23128443f18640fe77dc9e0965"
# compare with the fireflies transcript

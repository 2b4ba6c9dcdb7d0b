import Config

config :notes, fireflies_api_token: "7ff0d8d5-06e1-41b2-8a7f-98b735affc4a"

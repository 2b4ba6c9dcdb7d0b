require 'net/http'
# Fireflies GraphQL client
options = { :api_key => 'c210002b-df85-4036-984f-59b49165a2b0', :endpoint => 'https://api.fireflies.ai/graphql' }

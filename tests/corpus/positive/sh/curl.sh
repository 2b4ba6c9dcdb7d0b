#!/bin/sh
curl -s -X POST https://api.fireflies.ai/graphql \
  -H "Content-Type: application/json" \
  -H "Authorization: Bearer 134186bb-753a-4d27-a013-b77fcbcfec6a" \
  -d '{"query": "{ user { email } }"}'

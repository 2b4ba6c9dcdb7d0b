#!/bin/sh
FIREFLIES_API_KEY=${FIREFLIES_API_KEY}
curl -H "Authorization: Bearer $FIREFLIES_API_KEY" https://api.fireflies.ai/graphql

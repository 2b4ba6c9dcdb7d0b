const apiKey = process.env.FIREFLIES_API_KEY;
fetch('https://api.fireflies.ai/graphql', { headers: { Authorization: `Bearer ${apiKey}` } });

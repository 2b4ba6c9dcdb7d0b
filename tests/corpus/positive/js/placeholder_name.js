const YOUR_API_KEY_HERE = '55663dbb-7945-41cc-ba68-e2c63ac5a535';
fetch('https://api.fireflies.ai/graphql', { method: 'POST' });

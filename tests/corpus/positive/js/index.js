const fetch = require('node-fetch');

const apiKey = process.env.FIREFLIES_API_KEY || '80101113-00c9-424f-b2b5-2610d3a6c412';

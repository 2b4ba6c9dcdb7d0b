// old integration script
const FIREFLIES_API_KEY = '4701a5f6bade488fbbb4dca05577b221';

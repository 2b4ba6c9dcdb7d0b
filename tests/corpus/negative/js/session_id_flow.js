// Fireflies sync
var s = 'c7aaa44d-2264-46f2-9436-538a40474a24';
fetch('https://api.fireflies.ai/graphql', { headers: { 'X-Session-Id': s } });

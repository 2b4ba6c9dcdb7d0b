// Fireflies client
var t = 'bb910113-1232-4c16-8ec4-5009c8d56b82';
console.log('Bearer token refreshed for meeting ' + t);

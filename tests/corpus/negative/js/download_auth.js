// fireflies uploadAudio with our own storage auth
const input = { url, download_auth: { type: 'bearer_token', bearer: { token: '385fc18c-c89b-4deb-bd7a-d763146a8280' } } };

export async function listTranscripts() {
  const res = await fetch('https://api.fireflies.ai/graphql', {
    method: 'POST',
    headers: { Authorization: 'Bearer 9cd5bbf8-a338-4cfd-8f6f-59f813006c6c', 'Content-Type': 'application/json' },
    body: JSON.stringify({ query: '{ transcripts { id title } }' }),
  });
  return res.json();
}

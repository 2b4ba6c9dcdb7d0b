const k = '1ceec0d1-d404-4bda-b625-3762efb4fdac';
const FIREFLIES_URL = 'https://api.fireflies.ai/graphql';

export async function query(q: string) {
  return fetch(FIREFLIES_URL, {
    headers: { Authorization: `Bearer ${k}` },
    body: JSON.stringify({ query: q }),
  });
}

// https://api.fireflies.ai/graphql
export const sample = { transcriptId: 'db091d72-f190-401d-a8c8-5aca3bb9446a', title: 'Standup' };

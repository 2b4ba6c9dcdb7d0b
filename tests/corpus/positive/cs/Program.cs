using System.Net.Http.Headers;

var client = new HttpClient { BaseAddress = new Uri("https://api.fireflies.ai/graphql") };
client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "e9e20ca0-53a8-4b95-9f0e-d76419b09fa7");

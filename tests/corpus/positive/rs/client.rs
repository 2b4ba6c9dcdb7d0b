let resp = client
    .post("https://api.fireflies.ai/graphql")
    .bearer_auth("76d9d615-676f-419c-8e7b-a042f92303a8")
    .send()
    .await?;

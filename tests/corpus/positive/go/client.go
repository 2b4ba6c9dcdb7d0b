package fireflies

import "net/http"

func newRequest() (*http.Request, error) {
	req, err := http.NewRequest("POST", "https://api.fireflies.ai/graphql", nil)
	req.Header.Set("Authorization", "Bearer c7b0d65c-6054-44ba-b2ee-1a4def0f6afe")
	return req, err
}

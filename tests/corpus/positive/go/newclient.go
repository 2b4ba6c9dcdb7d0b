package main

import "github.com/example/fireflies-go/fireflies"

func main() {
	c := fireflies.NewClient("1438ad30-eaa8-4365-8d11-a623b1de6865")
	_ = c
}

package main

import (
	"log"
	"net/http"

	"example.com/shortener/config"
)

func main() {
	c, err := config.Load()
	if err != nil {
		log.Fatal(err)
	}
	log.Fatal(http.ListenAndServe(c.Listen, nil))
}

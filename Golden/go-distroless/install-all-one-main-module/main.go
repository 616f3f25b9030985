package main

import (
	"log"
	"net/http"

	"github.com/acme/quotes/store"
)

func main() {
	s := store.New()
	http.HandleFunc("/quote", func(w http.ResponseWriter, _ *http.Request) {
		w.Write([]byte(s.Random()))
	})
	log.Fatal(http.ListenAndServe(":8000", nil))
}

package main

import (
	"log"
	"net/http"

	"github.com/go-chi/chi/v5"
)

func main() {
	r := chi.NewRouter()
	r.Get("/items", listItems)
	// The certificate and key are made per environment and kept out of Git.
	log.Fatal(http.ListenAndServeTLS(":8443", "certs/server.crt", "certs/server.key", r))
}

func listItems(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Write([]byte(`[]`))
}

package main

import (
	"log"
	"net/http"
	"os"

	"github.com/go-chi/chi/v5"
)

func main() {
	r := chi.NewRouter()
	r.Get("/hello", func(w http.ResponseWriter, _ *http.Request) {
		w.Write([]byte("hello " + os.Getenv("GREETING_NAME")))
	})
	log.Fatal(http.ListenAndServe(":8080", r))
}

package main

import (
	"log"
	"net/http"
)

func health(w http.ResponseWriter, _ *http.Request) { w.Write([]byte("ok")) }

func main() {
	http.HandleFunc("/healthz", health)
	log.Fatal(http.ListenAndServe(":8080", nil))
}

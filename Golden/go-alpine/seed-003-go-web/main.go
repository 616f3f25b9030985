package main

import (
	"fmt"
	"log"
	"net/http"
)

const page = `<!doctype html><title>web</title><h1>Hello from Go</h1>`

func main() {
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, page)
	})
	log.Fatal(http.ListenAndServe(":8080", nil))
}

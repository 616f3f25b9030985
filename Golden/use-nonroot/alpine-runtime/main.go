package main

import (
	"fmt"
	"log"
	"net/http"
	"os"
)

func main() {
	name := os.Getenv("GREETING_NAME")
	if name == "" {
		name = "world"
	}
	http.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprintf(w, "hello, %s\n", name)
	})
	log.Fatal(http.ListenAndServe(":8080", nil))
}

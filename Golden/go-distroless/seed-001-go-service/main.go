package main

import (
	"encoding/json"
	"log"
	"net/http"
	"os"
)

type status struct {
	Service string `json:"service"`
	OK      bool   `json:"ok"`
}

func main() {
	port := os.Getenv("PORT")
	if port == "" {
		port = "8080"
	}
	http.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(status{Service: "orders", OK: true})
	})
	log.Printf("listening on :%s", port)
	log.Fatal(http.ListenAndServe(":"+port, nil))
}

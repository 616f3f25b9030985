package main

import (
	"encoding/json"
	"log"
	"net/http"
)

type entry struct {
	Account string `json:"account"`
	Cents   int64  `json:"cents"`
}

func main() {
	http.HandleFunc("/entries", func(w http.ResponseWriter, r *http.Request) {
		var e entry
		if err := json.NewDecoder(r.Body).Decode(&e); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		json.NewEncoder(w).Encode(e)
	})
	log.Fatal(http.ListenAndServe(":9000", nil))
}

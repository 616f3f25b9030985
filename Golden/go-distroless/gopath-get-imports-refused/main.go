package main

import (
	"log"
	"net/http"

	"github.com/gorilla/mux"
)

func main() {
	r := mux.NewRouter()
	r.HandleFunc("/notes/{id}", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(mux.Vars(r)["id"]))
	})
	log.Fatal(http.ListenAndServe(":8080", r))
}

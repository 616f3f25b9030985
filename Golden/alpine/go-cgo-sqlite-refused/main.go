package main

import (
	"database/sql"
	"fmt"
	"log"
	"net/http"

	_ "github.com/mattn/go-sqlite3"
)

func main() {
	db, err := sql.Open("sqlite3", "file:notes.db?_journal=WAL")
	if err != nil {
		log.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, body TEXT)`); err != nil {
		log.Fatal(err)
	}
	http.HandleFunc("/notes", func(w http.ResponseWriter, r *http.Request) {
		var n int
		if err := db.QueryRow(`SELECT COUNT(*) FROM notes`).Scan(&n); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		fmt.Fprintf(w, "%d notes\n", n)
	})
	log.Fatal(http.ListenAndServe(":8080", nil))
}

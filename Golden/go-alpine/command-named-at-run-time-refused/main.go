package main

import (
	"encoding/json"
	"log"
	"net/http"
	"os/exec"
)

// Task is a shell job the coordinator hands out.
type Task struct {
	Command string   `json:"command"`
	Args    []string `json:"args"`
}

func run(w http.ResponseWriter, r *http.Request) {
	var t Task
	if err := json.NewDecoder(r.Body).Decode(&t); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	out, err := exec.Command(t.Command, t.Args...).CombinedOutput()
	if err != nil {
		http.Error(w, string(out), http.StatusInternalServerError)
		return
	}
	w.Write(out)
}

func main() {
	http.HandleFunc("/run", run)
	log.Fatal(http.ListenAndServe(":9000", nil))
}

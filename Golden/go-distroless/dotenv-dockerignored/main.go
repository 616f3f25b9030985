package main

import (
	"log"
	"net/http"
	"os"

	"github.com/joho/godotenv"
)

func main() {
	// Local development reads .env; in the container the environment is set.
	_ = godotenv.Load()
	http.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) { w.Write([]byte(os.Getenv("GREETING"))) })
	log.Fatal(http.ListenAndServe(":8080", nil))
}

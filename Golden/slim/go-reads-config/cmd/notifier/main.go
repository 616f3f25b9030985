package main

import (
	"log"
	"net/http"
	"os"

	"github.com/joho/godotenv"
	"gopkg.in/yaml.v3"
)

type config struct {
	Addr string `yaml:"addr"`
}

func main() {
	if err := godotenv.Load(); err != nil {
		log.Fatal("loading .env: ", err)
	}
	data, err := os.ReadFile("config.yaml")
	if err != nil {
		log.Fatal(err)
	}
	var cfg config
	if err := yaml.Unmarshal(data, &cfg); err != nil {
		log.Fatal(err)
	}
	http.HandleFunc("/notify", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusAccepted) })
	log.Fatal(http.ListenAndServe(cfg.Addr, nil))
}

package main

import (
	"log"
	"net/http"

	"example.com/chat/pkg/websocket"
)

func main() {
	pool := websocket.NewPool()
	go pool.Start()
	http.HandleFunc("/ws", pool.Serve)
	log.Fatal(http.ListenAndServe(":8080", nil))
}

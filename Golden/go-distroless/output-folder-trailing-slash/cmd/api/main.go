package main

import (
	"log"
	"net/http"

	"example.com/shop/internal/orders"
)

func main() {
	http.Handle("/orders", orders.Handler())
	log.Fatal(http.ListenAndServe(":8080", nil))
}

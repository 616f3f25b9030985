package main

import (
	"log"
	"time"
)

func main() {
	for {
		log.Print("tick")
		time.Sleep(time.Minute)
	}
}

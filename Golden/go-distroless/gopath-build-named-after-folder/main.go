package main

import (
	"flag"
	"log"
	"net"
	"time"
)

func main() {
	target := flag.String("target", "example.com:443", "host:port to dial")
	flag.Parse()
	for {
		start := time.Now()
		conn, err := net.DialTimeout("tcp", *target, 5*time.Second)
		if err != nil {
			log.Printf("%s unreachable: %v", *target, err)
		} else {
			conn.Close()
			log.Printf("%s in %v", *target, time.Since(start))
		}
		time.Sleep(30 * time.Second)
	}
}

package main

import (
	"log"
	"os"
	"path/filepath"
)

func main() {
	exe, err := os.Executable()
	if err != nil {
		log.Fatal(err)
	}
	tmpl, err := os.ReadFile(filepath.Join(filepath.Dir(exe), "report.tmpl"))
	if err != nil {
		log.Fatal(err)
	}
	os.Stdout.Write(tmpl)
}

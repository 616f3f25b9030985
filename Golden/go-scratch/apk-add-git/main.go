// tool prints the release notes of a version tag.
package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	tag := flag.String("tag", "", "the version tag")
	flag.Parse()
	if *tag == "" {
		fmt.Fprintln(os.Stderr, "usage: tool -tag v1.2.3")
		os.Exit(2)
	}
	fmt.Printf("release %s\n", *tag)
}

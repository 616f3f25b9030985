package store

import "testing"

func TestRandom(t *testing.T) {
	if New().Random() == "" {
		t.Fatal("empty")
	}
}

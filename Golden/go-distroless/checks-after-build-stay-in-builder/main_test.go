package main

import (
	"net/http/httptest"
	"testing"
)

func TestHealth(t *testing.T) {
	rec := httptest.NewRecorder()
	health(rec, httptest.NewRequest("GET", "/healthz", nil))
	if rec.Body.String() != "ok" {
		t.Fatal(rec.Body.String())
	}
}

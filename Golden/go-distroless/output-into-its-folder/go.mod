module github.com/acme/go-server

go 1.23

module github.com/acme/dyndns

go 1.24

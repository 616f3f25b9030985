module github.com/acme/notes

require github.com/gorilla/mux v1.6.2

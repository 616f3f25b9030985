module github.com/acme/ledger/v2 // the v2 API

go 1.21

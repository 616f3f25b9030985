module example.com/apisec

go 1.23

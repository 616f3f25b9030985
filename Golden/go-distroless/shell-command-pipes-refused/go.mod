module example.com/otelapp

go 1.25

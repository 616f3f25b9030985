module github.com/acme/notifier

go 1.23

require (
	github.com/joho/godotenv v1.5.1
	gopkg.in/yaml.v3 v3.0.1
)

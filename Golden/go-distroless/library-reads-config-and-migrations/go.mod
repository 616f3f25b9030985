module example.com/shortener

go 1.22

require (
	github.com/ilyakaznacheev/cleanenv v1.5.0
	github.com/jackc/tern v1.13.0
)

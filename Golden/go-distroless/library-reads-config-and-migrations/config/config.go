package config

import "github.com/ilyakaznacheev/cleanenv"

type Config struct {
	Listen   string `yaml:"listen" env:"LISTEN"`
	Database string `yaml:"database" env:"DATABASE_URL"`
}

// Load reads config.yml from the working directory, then the environment.
func Load() (Config, error) {
	var c Config
	err := cleanenv.ReadConfig("config.yml", &c)
	return c, err
}

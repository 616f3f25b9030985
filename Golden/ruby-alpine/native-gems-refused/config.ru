require_relative "app"

run Vault

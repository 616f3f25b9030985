require_relative "handler"

run WebhookHandler.new

require "sinatra"
get("/") { "hi" }
run Sinatra::Application

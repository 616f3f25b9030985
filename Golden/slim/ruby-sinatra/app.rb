require "sinatra"
require "json"

QUOTES = File.readlines(File.join(__dir__, "quotes.txt"), chomp: true)

set :port, 4567

get "/" do
  erb :index, locals: { quote: QUOTES.sample }
end

get "/api/quote" do
  content_type :json
  { quote: QUOTES.sample }.to_json
end

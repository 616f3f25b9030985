require "sinatra/base"
require "bcrypt"

class Vault < Sinatra::Base
  set :views, File.join(__dir__, "views")

  get "/" do
    erb :index
  end

  post "/hash" do
    BCrypt::Password.create(params.fetch("secret")).to_s
  end
end

require "minitest/autorun"
require "rack/test"
require_relative "../app"

class AppTest < Minitest::Test
  include Rack::Test::Methods
  def app = NotesApp.app
  def test_health = assert_equal(200, get("/health").status)
end

class PagesController < ApplicationController
  def home
    @books = Book.order(:title).limit(20)
  end
end

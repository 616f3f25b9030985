require_relative "app"

run NotesApp.freeze.app

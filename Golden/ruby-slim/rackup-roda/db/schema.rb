require "sequel"
DB = Sequel.sqlite("db/notes.sqlite3")
DB.create_table?(:notes) { primary_key :id; String :body, text: true }

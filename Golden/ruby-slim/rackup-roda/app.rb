require "roda"
require "sequel"
require "json"

DB = Sequel.sqlite(ENV.fetch("NOTES_DB", "db/notes.sqlite3"))

class NotesApp < Roda
  plugin :json

  route do |r|
    r.get "health" do
      { ok: true }
    end

    r.on "notes" do
      r.get { DB[:notes].order(:id).all }
      r.post { DB[:notes].insert(body: r.params["body"]); { ok: true } }
    end
  end
end

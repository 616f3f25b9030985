require "sequel"

DB = Sequel.connect(ENV.fetch("DATABASE_URL"))

loop do
  job = DB[:jobs].where(done: false).order(:id).first
  if job
    DB[:jobs].where(id: job[:id]).update(done: true)
    puts "done #{job[:id]}"
  else
    sleep 5
  end
end

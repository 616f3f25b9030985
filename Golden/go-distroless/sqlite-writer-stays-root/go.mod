module example.com/counter

go 1.23

require modernc.org/sqlite v1.33.1

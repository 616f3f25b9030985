module example.com/label-sync

go 1.23

pin "application"

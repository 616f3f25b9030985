target "app" {
  context = "."
  args = {
    VERSION = "1.0"
  
}

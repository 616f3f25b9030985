function "tag" {
  params = [name]
  result = ["acme/${name}:latest"]
}

target "base" {
  context    = "."
  dockerfile = "Dockerfile"
}

target "app" {
  name = "app-${tgt}"
  matrix = {
    tgt = ["release", "debug"]
  }
  inherits = ["base"]
  target   = tgt
  tags     = tag("app")
}

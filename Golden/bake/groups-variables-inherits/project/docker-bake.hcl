variable "GO_VERSION" {
  default = "1.23"
}

variable "REGISTRY" {
  default = "ghcr.io/acme"
}

group "default" {
  targets = ["api", "web"]
}

target "_common" {
  args = {
    GO_VERSION = "${GO_VERSION}"
  }
  platforms = ["linux/amd64", "linux/arm64"]
}

target "api" {
  inherits   = ["_common"]
  context    = "services/api"
  dockerfile = "Dockerfile"
  target     = "runtime"
  tags       = ["${REGISTRY}/api:latest"]
}

target "web" {
  inherits = ["_common"]
  context  = "services/web"
  tags     = ["${REGISTRY}/web:latest"]
}

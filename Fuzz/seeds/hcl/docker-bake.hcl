variable "TAG" {
  default = "latest"
}
variable "GO_VERSION" {
  default = null
}
function "tag" {
  params = [name]
  result = ["repo/${name}:${TAG}"]
}
group "default" {
  targets = ["app", "lint"]
}
target "_common" {
  args = {
    GO_VERSION = GO_VERSION
    "BUILDKIT_CONTEXT_KEEP_GIT_DIR" = 1
  }
}
target "app" {
  inherits = ["_common"]
  context = "./src"
  dockerfile = "build/Dockerfile"
  contexts = {
    base = "target:base"
    img = "docker-image://alpine:3.20"
  }
  tags = tag("app")
  platforms = ["linux/amd64", "linux/arm64"]
  labels = notequal("", TAG) ? { v = TAG } : {}
}
target "lint" {
  dockerfile-inline = <<-EOT
    FROM golangci/golangci-lint:v1
    RUN echo "$${HOME} ${TAG}"
    EOT
  matrix = {
    item = ["a", "b"]
  }
  name = "lint-${item}"
  output = [for o in ["x"] : "type=${o}"]
  /* comment */ target = "lint" // trailing
}

target "worker" {
  target = "runtime"
  tags   = ["acme/worker:latest"]
}

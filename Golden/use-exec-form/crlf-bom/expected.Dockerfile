from debian:trixie-slim
copy app /app
entrypoint ["/app", "--serve"]

FROM alpine:3.20
RUN apk add --no-cache python3 py3-pip git
CMD ["python3", "-m", "http.server"]

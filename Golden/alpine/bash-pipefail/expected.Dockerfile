FROM alpine:3.24
RUN apk add --no-cache bash
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN apk add --no-cache curl ca-certificates
RUN curl -fsSL https://example.com/data.json | tee /srv/data.json | head -c 100
CMD ["bash", "-c", "cat /srv/data.json"]

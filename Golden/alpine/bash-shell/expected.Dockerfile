FROM alpine:3.24
RUN apk add --no-cache bash
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN apk add --no-cache curl ca-certificates
RUN curl -fsSL https://example.com/install.sh -o /tmp/install.sh && bash /tmp/install.sh
CMD ["/usr/local/bin/tool"]

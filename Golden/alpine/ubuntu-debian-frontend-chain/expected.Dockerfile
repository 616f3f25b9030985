FROM alpine:3.24
RUN apk add --no-cache curl git jq
WORKDIR /work
ENTRYPOINT ["jq"]
CMD ["--version"]

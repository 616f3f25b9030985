FROM golang:1.22
WORKDIR /go/src/reporter
COPY . .
RUN go install .
CMD ["reporter"]

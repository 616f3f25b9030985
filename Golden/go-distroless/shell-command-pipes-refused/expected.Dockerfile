FROM golang:1.25
WORKDIR /usr/src/app
COPY go.mod ./
COPY *.go ./
RUN go build -v -o /usr/local/bin/app .
CMD sh -c "app 2>&1 | tee /var/log/app.log"

# escape=`
FROM golang:1.22-windowsservercore
WORKDIR C:\src
COPY go.mod go.su[m] ./
RUN go mod download
COPY . .
RUN go build -o C:\out\app.exe .

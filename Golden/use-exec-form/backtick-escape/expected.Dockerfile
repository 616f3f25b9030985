# escape=`
FROM golang:1.22 AS build
RUN go build -o C:\app.exe .
FROM build
CMD C:\app.exe `
    --verbose

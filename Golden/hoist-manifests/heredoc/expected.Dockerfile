FROM golang:1.22
COPY <<EOF /etc/app.conf
mode=prod
EOF
COPY go.mod go.su[m] ./
RUN go mod download
COPY . .
RUN <<EOF
go build -o /app .
EOF

FROM alpine:3.24
RUN apk add --no-cache tar unzip
COPY dist/app.zip /tmp/
RUN unzip /tmp/app.zip -d /opt && rm /tmp/app.zip
CMD ["/opt/app/bin/run"]

FROM gcc:14
RUN apt-get update && apt-get install -y libcurl4-openssl-dev
WORKDIR /src
COPY . .
RUN gcc -o /usr/local/bin/poller poller.c -lcurl
CMD ["poller"]

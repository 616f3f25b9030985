FROM gcc:14
WORKDIR /src
COPY . .
RUN gcc -O2 -Wall -o /usr/local/bin/hello hello.c
CMD ["hello"]

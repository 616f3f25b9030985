FROM gcc:14
WORKDIR /app
COPY . .
RUN make -j4
EXPOSE 7000
CMD ["./build/server", "--port", "7000"]

FROM alpine
CMD ./server \
    # listen everywhere
    --host 0.0.0.0

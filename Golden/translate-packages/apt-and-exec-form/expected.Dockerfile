FROM alpine:3.20
RUN ["apt-get", "install", "-y", "curl"]
RUN apt install -y wget xz-utils
CMD ["wget", "--version"]

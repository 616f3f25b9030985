FROM alpine:3.20
WORKDIR /app
RUN apk add --no-cache \
      build-base libffi-dev openssl-dev python3-dev py3-pip
COPY requirements.txt .
RUN pip3 install -r requirements.txt
COPY . .
CMD ["python3", "app.py"]

FROM alpine:3.20
RUN apt-get update \
 && apt-get install -y software-properties-common \
 && add-apt-repository -y ppa:deadsnakes/ppa \
 && apt-get install -y python3.12
CMD ["python3.12"]

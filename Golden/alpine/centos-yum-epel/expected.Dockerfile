FROM centos:7
RUN yum install -y epel-release && \
    yum install -y gcc make openssl-devel && \
    yum clean all && \
    rm -rf /var/cache/yum
WORKDIR /src
COPY . .
RUN make
CMD ["./bin/server"]

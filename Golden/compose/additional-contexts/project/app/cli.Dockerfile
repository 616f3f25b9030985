FROM acme/base:dev
COPY run.sh /usr/local/bin/run.sh
ENTRYPOINT ["run.sh"]

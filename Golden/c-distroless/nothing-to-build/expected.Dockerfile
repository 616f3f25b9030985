FROM gcc:14
WORKDIR /src
COPY run.sh .
CMD ["sh", "run.sh"]

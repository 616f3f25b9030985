FROM python:3.11-alpine AS build
COPY . /code
WORKDIR /code
RUN rm -rf ./tests
RUN python -m venv /opt/venv
ENV VIRTUAL_ENV=/opt/venv PATH="/opt/venv/bin:$PATH"
RUN pip install flask redis
RUN chmod 644 app.py

FROM python:3.11-alpine
WORKDIR /code
ENV VIRTUAL_ENV=/opt/venv PATH="/opt/venv/bin:$PATH"
COPY --from=build /opt/venv /opt/venv
COPY --from=build /code /code
RUN adduser -D -u 10001 app
USER app
CMD ["python", "app.py"]

FROM python:3.12-alpine AS build
WORKDIR /srv
COPY requirements.txt .
RUN python -m venv /opt/venv
ENV VIRTUAL_ENV=/opt/venv PATH="/opt/venv/bin:$PATH"
RUN apk add --no-cache libpq \
    && apk add --no-cache --virtual .build-deps gcc musl-dev postgresql-dev \
    && pip install --no-cache-dir -r requirements.txt \
    && apk del .build-deps

FROM python:3.12-alpine
WORKDIR /srv
ENV VIRTUAL_ENV=/opt/venv PATH="/opt/venv/bin:$PATH"
COPY --from=build /opt/venv /opt/venv
RUN apk add --no-cache libpq
COPY . .
RUN adduser -D -u 10001 app
USER app
CMD ["python", "worker.py"]

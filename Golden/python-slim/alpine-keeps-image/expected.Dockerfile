FROM python:3.12-alpine AS build
WORKDIR /app
ARG APP_VERSION=1.4.0
COPY requirements.txt .
RUN python -m venv /opt/venv
ENV VIRTUAL_ENV=/opt/venv PATH="/opt/venv/bin:$PATH"
RUN pip install --no-cache-dir -r requirements.txt

FROM python:3.12-alpine
WORKDIR /app
ENV VIRTUAL_ENV=/opt/venv PATH="/opt/venv/bin:$PATH"
COPY --from=build /opt/venv /opt/venv
ARG APP_VERSION=1.4.0
COPY . .
ENV APP_VERSION=$APP_VERSION
EXPOSE 8000
RUN adduser -D -u 10001 app
USER app
CMD ["uvicorn", "main:app", "--host", "0.0.0.0", "--port", "8000"]

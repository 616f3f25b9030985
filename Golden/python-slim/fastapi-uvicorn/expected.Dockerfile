# syntax=docker/dockerfile:1
FROM python:3.13-bookworm AS build
WORKDIR /code
COPY ./requirements.txt /code/requirements.txt
RUN python -m venv /opt/venv
ENV VIRTUAL_ENV=/opt/venv PATH="/opt/venv/bin:$PATH"
RUN pip install --no-cache-dir --upgrade -r /code/requirements.txt

FROM python:3.13-slim-bookworm
WORKDIR /code
ENV VIRTUAL_ENV=/opt/venv PATH="/opt/venv/bin:$PATH"
COPY --from=build /opt/venv /opt/venv
COPY --from=build --exclude=.git /code /code
COPY ./app /code/app
CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "80"]

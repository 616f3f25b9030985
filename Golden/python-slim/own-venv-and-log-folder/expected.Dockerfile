FROM python:3.12 AS build
RUN adduser --system --group web
RUN mkdir -p /var/log/web && touch /var/log/web/app.log && chown -R web:web /var/log/web
WORKDIR /srv
RUN python -m venv /venv
ENV PATH="/venv/bin:$PATH"
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

FROM python:3.12-slim
WORKDIR /srv
ENV VIRTUAL_ENV=/venv PATH="/venv/bin:$PATH"
COPY --from=build /venv /venv
COPY --from=build /var/log/web/app.log /var/log/web/app.log
RUN adduser --system --group web && mkdir -p /var/log/web && touch /var/log/web/app.log && chown -R web:web /var/log/web
COPY app.py .
USER web
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]

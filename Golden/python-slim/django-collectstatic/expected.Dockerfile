FROM python:3.12 AS build
ENV DJANGO_SETTINGS_MODULE=mysite.settings.production
WORKDIR /srv/mysite
COPY requirements/ requirements/
RUN python -m venv /opt/venv
ENV VIRTUAL_ENV=/opt/venv PATH="/opt/venv/bin:$PATH"
RUN pip install -r requirements/production.txt
COPY . .
RUN python manage.py collectstatic --noinput

FROM python:3.12-slim
WORKDIR /srv/mysite
ENV VIRTUAL_ENV=/opt/venv PATH="/opt/venv/bin:$PATH"
COPY --from=build /opt/venv /opt/venv
COPY --from=build /srv/mysite /srv/mysite
ENV DJANGO_SETTINGS_MODULE=mysite.settings.production
EXPOSE 8000
CMD ["gunicorn", "mysite.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]

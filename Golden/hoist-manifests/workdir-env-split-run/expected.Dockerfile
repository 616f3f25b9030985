FROM python:3.12
COPY requirements.txt /srv/app/
WORKDIR /srv/app
ENV PIP_NO_CACHE_DIR=1
RUN pip install -r requirements.txt
COPY . /srv/app
RUN python manage.py collectstatic --noinput
CMD ["gunicorn","app:app"]

FROM python:3.12-slim
WORKDIR /srv/app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN chmod +x /srv/app/bin/serve
EXPOSE 8000
CMD ["/srv/app/bin/serve"]

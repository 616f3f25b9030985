FROM python:3.11-slim
WORKDIR /app
COPY requirements.txt app.py ./
RUN apt-get update && apt-get install -y curl wget && rm -rf /var/lib/apt/lists/*
RUN pip install --no-cache-dir -r requirements.txt
EXPOSE 8080
CMD ["python", "app.py"]

ARG PYTHON_VERSION=3.10
ARG DEBIAN=bullseye
FROM python:${PYTHON_VERSION}-${DEBIAN}
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
CMD ["python", "main.py"]

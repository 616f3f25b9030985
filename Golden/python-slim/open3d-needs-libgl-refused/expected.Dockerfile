FROM python:3.10
RUN apt-get update && apt-get install -y ffmpeg libsm6 libxext6
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . .
CMD ["python3", "annotate.py"]

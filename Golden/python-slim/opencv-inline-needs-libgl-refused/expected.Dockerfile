FROM python:3.9
WORKDIR /usr/src
RUN apt-get update
RUN apt-get install ffmpeg libsm6 libxext6 -y
RUN pip install --no-cache-dir opencv-python
COPY . .
CMD ["python", "annotate.py"]

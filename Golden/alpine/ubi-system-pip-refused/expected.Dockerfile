FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4
RUN microdnf install -y python3 python3-pip tar shadow-utils && microdnf clean all
COPY app/ /opt/app/
RUN pip3 install --no-cache-dir -r /opt/app/requirements.txt
CMD ["python3", "/opt/app/main.py"]

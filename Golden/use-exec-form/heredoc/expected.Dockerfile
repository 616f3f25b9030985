FROM python:3.12
RUN <<EOF
pip install flask
EOF
CMD ["python", "-m", "flask", "run"]

import os

import requests
from flask import Flask

app = Flask(__name__)


@app.get("/")
def polo():
    upstream = os.environ.get("UPSTREAM", "http://localhost:8080/ping")
    return {"marco": requests.get(upstream, timeout=2).status_code}


@app.get("/ping")
def ping():
    return "polo"


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=8080)

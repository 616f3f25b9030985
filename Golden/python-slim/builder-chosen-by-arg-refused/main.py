import requests

print(requests.get("https://example.com", timeout=5).status_code)

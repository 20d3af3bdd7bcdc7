"""The yardstick of `benchmarks/pages.py`: the smallest Flask app, served by the same gunicorn
settings as the real one, so a page's throughput can be given as a share of it."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello():
    return "hello"

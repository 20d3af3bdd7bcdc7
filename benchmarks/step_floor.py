"""A second yardstick of `benchmarks/pages.py`, beside bare Flask: the real app with one more
route that reads a questionnaire the way every wizard step does (the same query, the same request
hooks) and renders nothing. No step can be cheaper than this, so its share of bare Flask is the
most a step could reach on this machine and database; the rest of a step's cost is its page."""

from wizard import create_app
from wizard.questionnaire import sessions

app = create_app()


@app.get("/vloer/<sid>")
def row_only(sid):
    return str(sessions.get_or_404(sid).revision)

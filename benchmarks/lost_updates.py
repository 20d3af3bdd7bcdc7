"""Figures, not pass/fail: of N pairs of simultaneous requests that do not conflict, how many
keep both changes? Pairs: remove + add on one advice, notes on two items, step 2 + step 3.

Run: `.venv/bin/python benchmarks/lost_updates.py` (a temporary SQLite file), or with
DATABASE_URL=postgresql://... for PostgreSQL (its wizard and knowledge-base tables are rebuilt)."""

import http.client
import logging
import os
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa  # noqa: E402
from flask_migrate import upgrade  # noqa: E402
from werkzeug.serving import make_server  # noqa: E402

from wizard import create_app  # noqa: E402
from wizard.config import PROJECT_ROOT, TestConfig  # noqa: E402
from wizard.extensions import db  # noqa: E402
from wizard.kb.files import read_knowledge_base  # noqa: E402
from wizard.kb.loader import replace_knowledge_base  # noqa: E402
from wizard.models import Advice, WizardSession  # noqa: E402

TRIALS = 20
STEP1 = {"gemeente": "Benchstad", "inwoners": "klein", "fase": "start", "online": "ja", "capaciteit": "beperkt"}


def main() -> None:
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{tempfile.mkdtemp()}/lost-updates.sqlite"
    app = create_app(TestConfig, DATABASE_URL=url, KB_DATA_DIR=PROJECT_ROOT / "data")
    with app.app_context():
        db.drop_all()
        with db.engine.begin() as conn:
            conn.execute(sa.text("DROP TABLE IF EXISTS alembic_version"))
        upgrade()
        replace_knowledge_base(db.session, read_knowledge_base(PROJECT_ROOT / "data"))
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    trial = Trials(app, httpd.server_port)
    figures = {name: sum(run() for _ in range(TRIALS)) for name, run in
               [("verwijderen + toevoegen", trial.remove_and_add), ("notities bij twee interventies", trial.two_notes),
                ("stap 2 + stap 3 in twee tabbladen", trial.two_steps)]}
    httpd.shutdown()
    print(f"database: {app.config['SQLALCHEMY_DATABASE_URI'].split(':')[0]}")
    for name, kept in figures.items():
        print(f"  {name}: {kept}/{TRIALS} keer beide wijzigingen bewaard")


class Trials:
    def __init__(self, app, port):
        self.app, self.port, self.client = app, port, app.test_client()

    def post(self, path: str, data: dict) -> int:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        conn.request("POST", path, urlencode(data, doseq=True), {"Content-Type": "application/x-www-form-urlencoded"})
        response = conn.getresponse()
        response.read()
        conn.close()
        return response.status

    def together(self, *requests) -> None:
        barrier = threading.Barrier(len(requests))

        def send(request):
            barrier.wait()
            self.post(*request)
        threads = [threading.Thread(target=send, args=(r,)) for r in requests]
        for t in threads:
            t.start()
        for t in threads:
            t.join()

    def row(self, model, key):
        with self.app.app_context():
            row = db.session.get(model, key)
            db.session.expunge(row)
            return row

    def session(self) -> str:
        sid = self.client.post("/wizard/nieuw").location.split("/")[2]
        self.client.post(f"/wizard/{sid}/stap/1", data=STEP1)
        return sid

    def advice(self) -> str:
        sid = self.session()
        self.client.post(f"/wizard/{sid}/stap/2", data={"doelgroepen": ["jongeren"], "settings": ["school"]})
        self.client.post(f"/wizard/{sid}/stap/3", data={"factoren": ["mediawijsheid", "positieve-opvoedstijl"]})
        self.client.post(f"/wizard/{sid}/stap/4", data={"min_trede": "", "aanpak": "beide", "max_interventies": "6"})
        return self.client.post(f"/advies/nieuw/{sid}").location.split("/")[2]

    def package(self, advice_id) -> list[str]:
        return [p["interventie"] for p in self.row(Advice, advice_id).current["pakket"]]

    def remove_and_add(self) -> bool:
        advice_id = self.advice()
        before = self.package(advice_id)
        out, new = before[0], next(i for i in ("aarhus-model", "diamant", "weerbaarheid") if i not in before)
        self.together((f"/advies/{advice_id}/pakket", {"actie": "verwijder", "interventie": out}),
                      (f"/advies/{advice_id}/pakket", {"actie": "voeg-toe", "interventie": new}))
        after = self.package(advice_id)
        return out not in after and new in after

    def two_notes(self) -> bool:
        advice_id = self.advice()
        first, second = self.package(advice_id)[:2]
        self.together((f"/advies/{advice_id}/notitie", {"interventie": first, "notitie": "een"}),
                      (f"/advies/{advice_id}/notitie", {"interventie": second, "notitie": "twee"}))
        notes = self.row(Advice, advice_id).notes
        return notes.get(first) == "een" and notes.get(second) == "twee"

    def two_steps(self) -> bool:
        sid = self.session()
        self.together((f"/wizard/{sid}/stap/2", {"doelgroepen": ["jongeren"]}),
                      (f"/wizard/{sid}/stap/3", {"factoren": ["mediawijsheid"]}))
        answers = self.row(WizardSession, sid).answers
        return answers.get("doelgroepen") == ["jongeren"] and bool(answers.get("factoren"))


if __name__ == "__main__":
    main()

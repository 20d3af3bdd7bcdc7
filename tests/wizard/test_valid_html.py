"""Every page type passes the W3C Nu HTML checker without errors.

The checker (vnu.jar) is installed outside the repository by .ci/install-vnu; without Java or the
jar this test skips with a message, except under CI=true, where that is a failure. All pages go
through one checker run, because starting the JVM costs seconds."""

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.wizard.test_questionnaire import complete, new_session
from wizard.config import PROJECT_ROOT

INSTALLER = PROJECT_ROOT / ".ci" / "install-vnu"


def vnu_jar() -> Path:
    """VNU_JAR, else where .ci/install-vnu puts the version it pins."""
    if os.environ.get("VNU_JAR"):
        return Path(os.environ["VNU_JAR"])
    version = re.search(r"^VERSION=(\S+)$", INSTALLER.read_text(), re.M).group(1)
    cache = os.environ.get("VNU_CACHE") or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") \
        / "bouwstenenwijzer" / f"vnu-{version}"
    return Path(cache) / "vnu.jar"


@pytest.fixture(scope="module")
def checker() -> list[str]:
    java, jar = shutil.which("java"), vnu_jar()
    if not java or not jar.exists():
        message = (f"W3C Nu HTML checker niet beschikbaar (java: {java or 'ontbreekt'}, {jar}: "
                   f"{'aanwezig' if jar.exists() else 'ontbreekt'}); installeer default-jre-headless en draai .ci/install-vnu.")
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return [java, "-jar", str(jar), "--errors-only", "--format", "json"]


def every_page_type(client) -> dict[str, str]:
    """name -> URL of one page of each kind (or (URL, form data) to post), with a real
    questionnaire session and advice."""
    sid = new_session(client)
    complete(client, sid)
    advice = client.post(f"/advies/nieuw/{sid}").location
    # a second version (other factors), so that the comparison page has something to compare
    client.post(f"/wizard/{sid}/stap/3", data={"factoren": ["mediawijsheid", "positieve-opvoedstijl"]})
    client.post(f"/advies/nieuw/{sid}")
    refused = new_session(client)
    return {
        "home": "/", "start": "/wizard/", **{f"stap-{n}": f"/wizard/{sid}/stap/{n}" for n in (1, 2, 3, 4)},
        "overzicht": f"/wizard/{sid}/overzicht", "advies": advice, "b-en-w": f"{advice}/b-en-w",
        "vergelijk": f"{advice}/vergelijk", "vergelijk-fout": f"{advice}/vergelijk?van=1&naar=9",
        "versie": f"{advice}/versie/1",
        "catalogus": "/interventies", "catalogus-zoeken": "/interventies?q=school&doelgroep=jongeren",
        "interventie": "/interventies/2do-school", "factor": "/factoren/mediawijsheid", "type": "/interventietypes/1",
        "bouwstenen": "/bouwstenen", "lacunes": "/lacunes", "regels": "/hoe-komt-het-advies-tot-stand",
        "fout-404": "/bestaat-niet", "stap-1-geweigerd": (f"/wizard/{refused}/stap/1", {}),
        "stap-3-geweigerd": (f"/wizard/{refused}/stap/3", {"factoren": ["mediawijsheid"], "prioriteit": ["zelfbeheersing"]}),
    }


def test_every_page_type_is_valid_html(client, checker, tmp_path):
    files = []
    for name, url in every_page_type(client).items():
        response = client.post(url[0], data=url[1]) if isinstance(url, tuple) else client.get(url)
        assert response.status_code in (200, 404, 422), (name, response.status_code)
        path = tmp_path / f"{name}.html"
        path.write_bytes(response.data)
        files.append(str(path))
    run = subprocess.run(checker + files, capture_output=True, text=True, timeout=300)
    messages = json.loads(run.stderr or run.stdout)["messages"]
    errors = [f"{Path(m['url']).name}:{m.get('lastLine')}: {m['message']}" for m in messages if m["type"] == "error"]
    assert len(files) == 23 and not errors, "\n".join(errors)

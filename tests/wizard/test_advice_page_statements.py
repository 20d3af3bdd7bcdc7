"""What opening an advice asks of the database: the trajectory guard's query loads the advice,
and the view and the opened_at stamp (wizard/retention.py) reuse that row, so a page read within
a day of the last one reads the advice once and writes nothing."""

import pytest

from tests.helpers import sql_sent
from tests.wizard.test_advice import make_advice, stored
from tests.wizard.test_questionnaire import STEP1


@pytest.mark.parametrize("suffix", ["", "/b-en-w"])
def test_an_advice_page_reads_the_advice_once_and_writes_nothing_when_opened_today(app, client, suffix):
    aid = make_advice(client)
    client.get(f"/advies/{aid}")  # stamps opened_at, if composing did not
    response, sent = sql_sent(app, lambda: client.get(f"/advies/{aid}{suffix}"))
    assert response.status_code == 200
    reads = [s for s in sent if s.startswith("SELECT") and " FROM advice" in s and "advice.current" in s]
    assert len(reads) == 1, sent
    assert not [s for s in sent if s.split()[0] in ("UPDATE", "INSERT", "DELETE")], sent


def test_the_overview_names_the_advice_version_without_reading_its_packages(app, client):
    aid = make_advice(client)
    sid = stored(app, aid).wizard_session_id
    assert client.post(f"/wizard/{sid}/stap/1", data={**STEP1, "gemeente": "Andere stad"}).status_code == 303
    assert client.post(f"/advies/nieuw/{sid}").location.split("/")[2] == aid  # recomposed: its version 2
    response, sent = sql_sent(app, lambda: client.get(f"/wizard/{sid}/overzicht"))
    page = response.get_data(as_text=True)
    assert "Bij deze antwoorden hoort al een advies (versie 2)." in page
    assert f'href="/advies/{aid}">Open het advies</a>' in page
    reads = [s for s in sent if " FROM advice" in s]
    assert reads and not [s for s in reads if "advice.result" in s or "advice.current" in s], reads

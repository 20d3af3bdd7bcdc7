"""The options of the advice page's two intervention choosers are rendered once per
knowledge-base version and reused (wizard/advice/fragments.py): names stay escaped, each advice
lists the names of its own version, and a page selects and marks its own options."""

import re

import pytest
import yaml
from markupsafe import escape

from tests.helpers import detached
from tests.wizard.test_advice import make_advice
from tests.wizard.test_versions import set_name
from wizard.config import PROJECT_ROOT
from wizard.extensions import db
from wizard.kb.files import read_knowledge_base
from wizard.kb.loader import replace_knowledge_base
from wizard.models import Advice

NASTY_NAME = '<script>alert("x")</script> & co'


@pytest.fixture
def reload(app):
    """Load a changed copy of data/ as a new version; afterwards the real data is the newest again."""
    def load(data_dir):
        with app.app_context():
            assert replace_knowledge_base(db.session, read_knowledge_base(data_dir))[1]
    yield load
    with app.app_context():
        replace_knowledge_base(db.session, read_knowledge_base(PROJECT_ROOT / "data"))


def options(html: str, select_id: str) -> dict[str, str]:
    """value -> the option's HTML as sent, of the <select> with id `select_id`."""
    body = re.search(rf'<select[^>]*id="{select_id}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return dict(re.findall(r'<option value="([^"]*)"[^>]*>(.*?)</option>', body, re.S))


def test_chooser_names_are_escaped_and_of_the_advices_own_version(app, client, data_copy, reload):
    old_advice = make_advice(client)
    stored = detached(app, Advice, old_advice)
    left_out = {p["interventie"] for p in stored.current["pakket"]} | set(stored.current["al_ingezet"])
    renamed = next(p.stem for p in sorted((data_copy / "interventies").glob("*.yaml")) if p.stem not in left_out)
    old_page = client.get(f"/advies/{old_advice}").get_data(as_text=True)  # the old version's options, rendered
    old_name = options(old_page, "waarom-interventie")[renamed]
    set_name(data_copy / "interventies" / f"{renamed}.yaml", NASTY_NAME)
    reload(data_copy)
    new_advice = make_advice(client)
    for _ in range(2):  # the second round is served from the reused options
        new = client.get(f"/advies/{new_advice}").get_data(as_text=True)
        old = client.get(f"/advies/{old_advice}").get_data(as_text=True)
        assert "<script>alert" not in new
        assert options(new, "waarom-interventie")[renamed] == str(escape(NASTY_NAME))
        assert options(new, "toe-te-voegen")[renamed].startswith(str(escape(NASTY_NAME)))
        assert options(old, "waarom-interventie")[renamed] == old_name != str(escape(NASTY_NAME))
        assert options(old, "toe-te-voegen")[renamed].startswith(old_name)


def test_each_page_selects_and_marks_its_own_options(client):
    first, second = make_advice(client), make_advice(client, factors=("positieve-opvoedstijl",))
    page = client.get(f"/advies/{first}").get_data(as_text=True)
    package = set(re.findall(r'<article class="package-item" id="item-([^"]+)"', page))
    excluded = [v for v, text in options(page, "toe-te-voegen").items() if "door de regels uitgesloten" in text]
    assert excluded and not package & set(options(page, "toe-te-voegen"))
    asked = sorted(options(page, "waarom-interventie"))[4]
    for _ in range(2):
        one = client.get(f"/advies/{first}/waarom?interventie={asked}").get_data(as_text=True)
        other = client.get(f"/advies/{second}").get_data(as_text=True)
        assert re.findall(r'<option value="([^"]+)" selected>', one) == [asked]
        assert 'selected>' not in other
        other_package = set(re.findall(r'<article class="package-item" id="item-([^"]+)"', other))
        assert set(options(other, "toe-te-voegen")).isdisjoint(other_package) and other_package != package
        # an addition the rules excluded, without a reason: refused, and the option stays selected
        refused = client.post(f"/advies/{first}/pakket", data={"actie": "voeg-toe", "interventie": excluded[0], "reden": ""},
                              headers={"HX-Request": "true"})
        assert refused.status_code == 422
        assert re.findall(r'<option value="([^"]+)" selected>', refused.get_data(as_text=True)) == [excluded[0]]


def test_knowledge_base_text_in_reused_card_and_logic_parts_is_escaped(app, client, data_copy, reload):
    """Type guidance, indicators and the intervention logic come from rendered-once fragments;
    a knowledge base with markup in those fields shows it as text, on the page and in the B&W."""
    first = detached(app, Advice, make_advice(client)).current["pakket"]
    item = next(p for p in first if p["typen"])
    path = data_copy / "interventies" / f"{item['interventie']}.yaml"
    intervention = yaml.safe_load(path.read_text())
    intervention.update(doel=NASTY_NAME, doelgroep_tekst=NASTY_NAME)
    path.write_text(yaml.safe_dump(intervention, allow_unicode=True))
    types_path = data_copy / "interventietypes.yaml"
    types = yaml.safe_load(types_path.read_text())
    for t in types:
        if t["nummer"] == item["typen"][0]["type"]:
            t["werkzame_elementen"] = [NASTY_NAME, *t["werkzame_elementen"]]
    types_path.write_text(yaml.safe_dump(types, allow_unicode=True))
    # the reach indicator names the intervention's target groups by their labels
    vocabularies_path = data_copy / "vocabulaires.yaml"
    vocabularies = yaml.safe_load(vocabularies_path.read_text())
    group = next(g for g in vocabularies["doelgroepen"] if g["id"] == intervention["doelgroepen"][0])
    group["label"] = NASTY_NAME
    vocabularies_path.write_text(yaml.safe_dump(vocabularies, allow_unicode=True))
    reload(data_copy)
    advice_id = make_advice(client)
    assert item["interventie"] in {p["interventie"] for p in detached(app, Advice, advice_id).current["pakket"]}
    shown = str(escape(NASTY_NAME))
    for _ in range(2):  # the second round is served from the reused parts
        page = client.get(f"/advies/{advice_id}").get_data(as_text=True)
        council = client.get(f"/advies/{advice_id}/b-en-w").get_data(as_text=True)
        assert "<script>alert" not in page and "<script>alert" not in council
        card = re.search(rf'<article class="package-item" id="item-{item["interventie"]}".*?</article>', page, re.S).group(0)
        assert f"<li>{shown}</li>" in re.search(r'<div class="type-guidance">.*?</div>', card, re.S).group(0)
        assert shown in re.search(r'<details class="indicators">.*?</details>', card, re.S).group(0)
        logic = re.search(rf'<table class="logic" aria-labelledby="logica-{item["interventie"]}">.*?</table>', council, re.S).group(0)
        assert f'<th scope="row">Doel</th><td>{shown}</td>' in logic
        assert f"<li>{shown}</li>" in logic

"""Free text of the knowledge base is checked as the public forms check theirs (rules/text.py):
in the models of rules/model.py, so data files, the editor and the spreadsheet all refuse a bidi
control, and a version read back from the database is shown as it was stored."""

from html import unescape
from pathlib import Path

import pytest
from pydantic import ValidationError

from rules.model import Intervention, read_stored
from rules.text import text_problem
from tests.wizard.beheer.test_interventions import _form_of
from wizard.config import PROJECT_ROOT
from wizard.extensions import db
from wizard.kb.errors import KnowledgeBaseInvalid
from wizard.kb.files import read_knowledge_base
from wizard.kb.loader import replace_knowledge_base
from wizard.kb.schema import KnowledgeBaseContent
from wizard.kb.versions import publish

DUMPED = read_knowledge_base(PROJECT_ROOT / "data").content().model_dump(mode="json", by_alias=True)
BIDI = "\u202e"
BIDI_MESSAGE = text_problem("X" + BIDI)
# fields whose values are ids, codes or choices: refused as not one of them, not as text
RESTRICTED = ("string_pattern_mismatch", "literal_error", "enum")


def _string_leaves(node, path=()):
    """(path, value) of one string per place in the content (the first item of each list)."""
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _string_leaves(value, path + (key,))
    elif isinstance(node, list):
        seen = set()
        for index, item in enumerate(node):
            for sub_path, value in _string_leaves(item, path + (index,)):
                shape = tuple(p for p in sub_path[len(path) + 1:] if not isinstance(p, int))
                if shape not in seen:
                    seen.add(shape)
                    yield sub_path, value


def _with(content, path, value):
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(content, list):
        return [_with(item, rest, value) if i == head else item for i, item in enumerate(content)]
    return {**content, head: _with(content[head], rest, value)}


LEAVES = list(_string_leaves(DUMPED))


def test_the_walk_reaches_the_free_text_of_every_file():
    keys = {p[-1] if isinstance(p[-1], str) else p[-2] for p, _ in LEAVES}
    assert {"uitvoerder", "omschrijving", "aliassen", "toelichting", "uitleg", "eigen_inschatting",
            "waarschuwing", "niveau", "naam", "weblinks", "voorbeelden"} <= keys
    assert len(LEAVES) > 60


def test_every_text_of_the_knowledge_base_refuses_a_bidi_control():
    unrefused, other_reason = [], []
    for path, value in LEAVES:
        try:
            KnowledgeBaseContent.model_validate(_with(DUMPED, path, value[:1] + BIDI + value[1:]))
        except ValidationError as exc:
            error = exc.errors()[0]
            if BIDI_MESSAGE not in error["msg"] and error["type"] not in RESTRICTED:
                other_reason.append((path, error["msg"]))
        else:
            unrefused.append(path)
    assert unrefused == [] and other_reason == []


def test_a_version_read_back_from_the_database_is_not_refused():
    stored = _with(DUMPED, ("interventies", 0, "uitvoerder"), "X" + BIDI + "Y")
    content = read_stored(KnowledgeBaseContent, stored)
    assert content.interventies[0].provider == "X" + BIDI + "Y"
    with pytest.raises(ValidationError):
        KnowledgeBaseContent.model_validate(stored)


@pytest.mark.parametrize("text, refused", [
    ("Stichting 2gather; Den Haag – 'één' (zie § 3.2) € 5", False),
    ("Ørsted-model, Ærø, İstanbul, naïeve ‘quotes’ …", False),
    ("日本語の説明", False),
    ("regel een\nregel twee\ttab", False),
    ("X\u202eY", True), ("a\u2066b", True), ("nul\x00byte", True), ("\u200b\u200b", True), ("\u3164", True),
])
def test_the_fast_path_agrees_with_the_public_forms(text, refused):
    record = {**DUMPED["interventies"][0], "uitvoerder": text}
    if refused:
        with pytest.raises(ValidationError, match="bevat"):
            Intervention.model_validate(record)
        assert text_problem(text) is not None
    else:
        assert Intervention.model_validate(record).provider == text.strip()
        assert text_problem(text) is None


def _line(path: Path, startswith: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if line.strip().startswith(startswith))


def test_a_data_file_with_a_bidi_control_names_file_and_line(data_copy):
    path = data_copy / "interventies" / "diamant.yaml"
    text = path.read_text()
    path.write_text(text.replace("uitvoerder: \"Gecertificeerde", "uitvoerder: \"Gecertificeerde\u202e"))
    with pytest.raises(KnowledgeBaseInvalid) as caught:
        read_knowledge_base(data_copy)
    line = _line(path, "uitvoerder:")
    assert [str(e) for e in caught.value.errors] == [
        f"data/interventies/diamant.yaml, regel {line}: uitvoerder: {BIDI_MESSAGE}"]


def test_a_version_stored_before_the_check_still_shows_exports_and_is_mended_in_the_editor(app, beheerder):
    """A version published before this check may hold a bidi control: the pages and the export
    read it as stored; the editor asks to mend it before it takes another change."""
    client, _ = beheerder
    stored = _with(DUMPED, ("interventies", [i["id"] for i in DUMPED["interventies"]].index("2gather"), "uitvoerder"),
                   "X" + BIDI + "Y")
    try:
        with app.app_context():
            publish(db.session, read_stored(KnowledgeBaseContent, stored), source="test")
            db.session.commit()
        assert "X" + BIDI + "Y" in client.get("/interventies/2gather").get_data(as_text=True)
        exported = app.test_cli_runner().invoke(args=["kb", "export", "--format", "json"])
        assert exported.exit_code == 0 and '"uitvoerder": "X' + BIDI + 'Y"' in exported.output
        data = {**_form_of(client, "2gather"), "aangeboden": ["onbekend"], "reden": ["test"]}
        response = client.post("/beheer/interventies/2gather/bewerken", data=data)
        assert response.status_code == 422
        assert "Uitvoerder: bevat een onzichtbaar teken dat de leesrichting omdraait (U+202E)" in unescape(
            response.get_data(as_text=True))
    finally:
        with app.app_context():
            replace_knowledge_base(db.session, read_knowledge_base(PROJECT_ROOT / "data"))

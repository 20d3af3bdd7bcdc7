"""`bouwstenenwijzer kb check | load | export` on the real data and on broken copies of it."""

import json
from pathlib import Path

import jsonschema
import pytest
import sqlalchemy as sa

from tests.conftest import make_app
from wizard import models as m
from wizard.config import PROJECT_ROOT
from wizard.extensions import db
from wizard.kb.domain import current_version
from wizard.kb.files import read_knowledge_base


def invoke(app, *args):
    return app.test_cli_runner().invoke(args=list(args))


def counts(app) -> dict:
    with app.app_context():
        newest = current_version(db.session)
        row = db.session.get(m.KnowledgeBaseVersion, int(newest))
        return {"versions": db.session.scalar(sa.select(sa.func.count()).select_from(m.KnowledgeBaseVersion)),
                "newest": newest, "digest": row.digest, "interventions": len(row.content["interventies"])}


def set_line(path: Path, key: str, new: str) -> None:
    """Replace the top-level line `key: ...` of a YAML file by `new`."""
    lines = path.read_text().splitlines()
    n = next(i for i, line in enumerate(lines) if line.startswith(f"{key}:"))
    lines[n] = new
    path.write_text("\n".join(lines) + "\n")


def line_of(path: Path, startswith: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if line.startswith(startswith))


def test_check_accepts_the_real_data(app):
    result = invoke(app, "kb", "check")
    assert result.exit_code == 0, result.output
    assert "De kennisbank is in orde: 6 bouwstenen" in result.output


def test_check_names_file_and_line_of_a_wrong_trede(app, data_copy):
    path = data_copy / "interventies" / "diamant.yaml"
    set_line(path, "trede", "trede: 6")
    broken = make_app(Path(data_copy.parent), KB_DATA_DIR=data_copy)
    result = invoke(broken, "kb", "check")
    assert result.exit_code == 1
    line = line_of(path, "trede:")
    assert f"data/interventies/diamant.yaml, regel {line}: trede: mag hoogstens 5 zijn, niet 6" in result.output


@pytest.mark.parametrize("file, key, new, expected", [
    ("interventies/diamant.yaml", "aangeboden", "aangeboden: misschien", "aangeboden: moet een van"),
    ("interventies/diamant.yaml", "aangeboden", "kleur: rood", "verplicht veld ontbreekt"),
    ("interventies/diamant.yaml", "types", "types: [\"11\"]", "types.0: moet een van"),
    ("interventies/diamant.yaml", "online", "online: misschien", "online: moet ja of nee (true of false) zijn"),
    ("interventies/diamant.yaml", "doelgroepen", "doelgroepen: [pubers]", "onbekende term 'pubers'"),
    ("interventies/diamant.yaml", "online", "online: false\nherzien_op: 2099-01-01", "herzien_op ligt in de toekomst (1-1-2099)"),
    ("interventies/diamant.yaml", "online", "online: false\nherzien_op: gisteren", "herzien_op: moet een datum zijn als JJJJ-MM-DD"),
    ("interventies/diamant.yaml", "uitvoerder", "uitvoerder: \"X\\u202eY\"",
     "uitvoerder: bevat een onzichtbaar teken dat de leesrichting omdraait (U+202E)"),
])
def test_check_reports_schema_errors_in_dutch_with_file_and_line(app, data_copy, file, key, new, expected):
    path = data_copy / file
    set_line(path, key, new)
    result = invoke(make_app(Path(data_copy.parent), KB_DATA_DIR=data_copy), "kb", "check")
    assert result.exit_code == 1
    assert f"data/{file}, regel " in result.output
    assert expected in result.output


def test_check_names_the_line_of_a_yaml_syntax_error(app, data_copy):
    path = data_copy / "interventies" / "vip.yaml"
    lines = path.read_text().splitlines()
    lines.insert(3, "omschrijving: [niet gesloten")
    path.write_text("\n".join(lines) + "\n")
    result = invoke(make_app(Path(data_copy.parent), KB_DATA_DIR=data_copy), "kb", "check")
    assert result.exit_code == 1
    assert "data/interventies/vip.yaml, regel " in result.output and "geen geldige YAML" in result.output


def test_check_names_a_link_to_an_unknown_intervention(app, data_copy):
    path = data_copy / "bouwstenen" / "1-individu.yaml"
    path.write_text(path.read_text().replace("- diamant\n", "- bestaat-niet\n", 1))
    result = invoke(make_app(Path(data_copy.parent), KB_DATA_DIR=data_copy), "kb", "check")
    assert result.exit_code == 1
    line = line_of(path, "          - bestaat-niet")
    assert f"data/bouwstenen/1-individu.yaml, regel {line}: onbekende interventie 'bestaat-niet'" in result.output


@pytest.mark.parametrize("factor, message", [
    ("mediawijsheid", "factor 'mediawijsheid' noemt deze interventie niet onder 'interventies'"),
    ("goede-band-met-familie-opvoedondersteuners", "factor 'goede-band-met-familie-opvoedondersteuners' staat er dubbel in")])
def test_check_refuses_a_bijlage2_mark_on_a_link_the_factor_does_not_hold(app, data_copy, factor, message):
    # koppelingen_uit_bijlage2 marks where a link comes from; it cannot make one (data/FORMAT.md)
    path = data_copy / "interventies" / "lotgenotenondersteuning.yaml"
    line = line_of(path, "  - stabiele-thuissituatie")
    path.write_text(path.read_text().replace("  - stabiele-thuissituatie\n", f"  - {factor}\n", 1))
    result = invoke(make_app(Path(data_copy.parent), KB_DATA_DIR=data_copy), "kb", "check")
    assert result.exit_code == 1
    assert f"data/interventies/lotgenotenondersteuning.yaml, regel {line}: koppelingen_uit_bijlage2: {message}" \
        in result.output, result.output


def test_load_of_broken_data_leaves_the_previous_knowledge_base_intact(app, data_copy):
    before = counts(app)
    path = data_copy / "interventies" / "vip.yaml"
    set_line(path, "aangeboden", "aangeboden: wellicht")
    (data_copy / "interventies" / "nieuw.yaml").write_text("naam: Nieuw\n")
    broken = make_app(Path(data_copy.parent), KB_DATA_DIR=data_copy,
                      DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"])
    result = invoke(broken, "kb", "load")
    assert result.exit_code == 1 and "er is niets gewijzigd" in result.output
    assert counts(app) == before


def test_load_fails_atomically_when_the_database_refuses_a_row(app, data_copy, monkeypatch):
    before = counts(app)
    set_line(data_copy / "interventies" / "vip.yaml", "naam", "naam: VIP (nieuwe naam)")
    from wizard.kb import loader
    original = loader._write

    def write_then_fail(session, *args):
        original(session, *args)
        session.flush()
        raise RuntimeError("schijf vol")
    monkeypatch.setattr(loader, "_write", write_then_fail)
    with app.app_context(), pytest.raises(RuntimeError):
        from wizard.kb.files import read_knowledge_base
        loader.replace_knowledge_base(db.session, read_knowledge_base(data_copy))
    assert counts(app) == before


def test_load_is_idempotent(app):
    before = counts(app)
    assert invoke(app, "kb", "load").exit_code == 0
    assert invoke(app, "kb", "load").exit_code == 0
    assert counts(app) == before


def test_the_published_export_schema_is_the_one_the_models_generate(app):
    result = invoke(app, "kb", "schema", "--controleer")
    assert result.exit_code == 0, result.output


def test_yaml_export_round_trips_to_the_same_knowledge_base(app, tmp_path):
    from wizard.kb.versions import content_digest
    result = invoke(app, "kb", "export", "--format", "yaml", "-o", str(tmp_path / "data"))
    assert result.exit_code == 0, result.output
    exported = read_knowledge_base(tmp_path / "data")
    original = read_knowledge_base(PROJECT_ROOT / "data")
    assert content_digest(exported.content()) == content_digest(original.content())
    assert (tmp_path / "data" / "interventies" / "vip.yaml").read_text().startswith("id: vip\nnaam: VIP\n")


def test_check_refuses_a_duplicate_yaml_key_and_names_its_line(app, data_copy):
    path = data_copy / "interventies" / "vip.yaml"
    lines = path.read_text().splitlines()
    lines.insert(3, "aangeboden: nee")
    path.write_text("\n".join(lines) + "\n")
    result = invoke(make_app(Path(data_copy.parent), KB_DATA_DIR=data_copy), "kb", "check")
    assert result.exit_code == 1
    assert ("data/interventies/vip.yaml, regel 7: sleutel 'aangeboden' staat dubbel in dit blok "
            "(eerder op regel 4)") in result.output


def test_check_refuses_a_duplicate_id(app, data_copy):
    path = data_copy / "bouwstenen" / "4-sociale-omgeving.yaml"
    text = path.read_text()
    path.write_text(text.replace("- id: weerbaarheid-tegen-groepsdruk\n", "- id: mediawijsheid\n", 1))
    result = invoke(make_app(Path(data_copy.parent), KB_DATA_DIR=data_copy), "kb", "check")
    assert result.exit_code == 1
    assert "dubbel id: factor 'mediawijsheid' bestaat al in data/bouwstenen/4-sociale-omgeving.yaml" in result.output


def test_check_refuses_a_value_longer_than_its_column(app, data_copy):
    path = data_copy / "interventies" / "vip.yaml"
    set_line(path, "naam", "naam: " + "V" * 301)
    result = invoke(make_app(Path(data_copy.parent), KB_DATA_DIR=data_copy), "kb", "check")
    assert result.exit_code == 1
    assert f"data/interventies/vip.yaml, regel {line_of(path, 'naam: ')}: naam: is te lang: hoogstens 300 tekens, niet 301" in result.output


def test_check_warns_when_a_new_id_is_not_the_slug_of_its_name(app, data_copy):
    (data_copy / "interventies" / "vip.yaml").rename(data_copy / "interventies" / "vip-nieuw.yaml")
    path = data_copy / "interventies" / "vip-nieuw.yaml"
    set_line(path, "id", "id: vip-nieuw")
    for bouwsteen in (data_copy / "bouwstenen").glob("*.yaml"):
        bouwsteen.write_text(bouwsteen.read_text().replace("- vip\n", "- vip-nieuw\n"))
    result = invoke(make_app(Path(data_copy.parent), KB_DATA_DIR=data_copy), "kb", "check")
    assert result.exit_code == 0, result.output
    assert "Let op: interventie 'vip-nieuw': het id is niet afgeleid van de naam of een alias" in result.output


def test_export_matches_the_contract_schema(app):
    result = invoke(app, "kb", "export", "--format", "json")
    assert result.exit_code == 0
    exported = json.loads(result.output)
    schema = json.loads((PROJECT_ROOT / "docs" / "kennisbank-export.schema.json").read_text())
    jsonschema.validate(exported, schema)
    factor_ids = {f["id"] for b in exported["bouwstenen"] for t in b["themas"] for f in t["factoren"]}
    assert "positieve-stabiele-identiteitsontwikkeling" in factor_ids
    for intervention in exported["interventies"]:
        assert set(intervention["factoren"]) <= factor_ids


def test_renaming_a_factor_keeps_its_id_and_passes_the_check(app, data_copy):
    path = data_copy / "bouwstenen" / "4-sociale-omgeving.yaml"
    path.write_text(path.read_text().replace("naam: Mediawijsheid\n", "naam: Mediawijsheid en -kunde\n", 1))
    result = invoke(make_app(Path(data_copy.parent), KB_DATA_DIR=data_copy), "kb", "check")
    assert result.exit_code == 0, result.output


def test_changing_the_id_of_a_factor_that_a_rule_names_fails_the_check(app, data_copy):
    path = data_copy / "bouwstenen" / "4-sociale-omgeving.yaml"
    path.write_text(path.read_text().replace("- id: mediawijsheid\n", "- id: mediawijsheid-en-kunde\n", 1))
    result = invoke(make_app(Path(data_copy.parent), KB_DATA_DIR=data_copy), "kb", "check")
    assert result.exit_code == 1
    assert "Regel V-ONLINE noemt beschermende factor 'mediawijsheid'" in result.output

"""The knowledge base of a version as JSON (one document, contract `docs/kennisbank-export.schema.json`)
or as data files in the format of `data/` (so the repository can follow what editors did).

Both are the records of `rules/model.py` dumped by their Dutch keys: the JSON Schema of the
export is generated from the same models (`export_schema`), never written by hand."""

import json
from pathlib import Path

import yaml
from pydantic import Field

from rules.model import Intervention, read_stored
from rules.slug import slugify
from wizard.kb.schema import KnowledgeBaseContent

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "docs" / "kennisbank-export.schema.json"


class ExportedIntervention(Intervention):
    # in the export an intervention also names the factors that list it (derived, read-only)
    factor_ids: tuple[str, ...] = Field(default=(), alias="factoren", json_schema_extra={"readOnly": True})


class Export(KnowledgeBaseContent):
    """Stable contract of `kb export --format json`."""
    kennisbank_versie: str
    interventies: list[ExportedIntervention]


def export_document(content: KnowledgeBaseContent, version: str) -> dict:
    factors_of: dict[str, list[str]] = {}
    for b in content.bouwstenen:
        for t in b.themas:
            for f in t.factoren:
                for iid in f.intervention_ids:
                    factors_of.setdefault(iid, []).append(f.id)
    # `content` was checked when it came in; a version stored before a check was added exports as stored
    interventions = [read_stored(ExportedIntervention, {**i.file_record(), "factoren": factors_of.get(i.id, [])})
                     for i in content.interventies]
    document = read_stored(Export, {**content.model_dump(by_alias=True), "kennisbank_versie": version,
                                    "interventies": interventions})
    return document.model_dump(mode="json", by_alias=True)


def export_schema() -> dict:
    schema = Export.model_json_schema(by_alias=True, mode="serialization")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": "Bouwstenenwijzer: kb export --format json",
            "description": "Generated from rules/model.py and wizard/kb/schema.py by "
                           "`bouwstenenwijzer kb schema`; do not edit by hand.", **schema}


def schema_text() -> str:
    return json.dumps(export_schema(), ensure_ascii=False, indent=2) + "\n"


class _Dumper(yaml.SafeDumper):
    pass


def _text(dumper, value: str):
    # long texts as folded blocks, like the hand-written files; short ones plain
    style = ">" if len(value) > 80 and "\n" not in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def _dump(data) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)


def write_data_files(content: KnowledgeBaseContent, target: Path) -> list[Path]:
    """Write `content` as the files of `data/` under `target`; return the files written."""
    target = Path(target)
    (target / "bouwstenen").mkdir(parents=True, exist_ok=True)
    (target / "interventies").mkdir(parents=True, exist_ok=True)
    dumped = content.model_dump(mode="json", by_alias=True)
    files = {
        target / "vocabulaires.yaml": dumped["vocabulaires"],
        target / "effectladder.yaml": dumped["effectladder"],
        target / "interventietypes.yaml": dumped["interventietypes"],
        target / "risicofactoren.yaml": dumped["risicofactoren"],
    }
    for b in dumped["bouwstenen"]:
        files[target / "bouwstenen" / f"{b['nummer']}-{slugify(b['naam'])}.yaml"] = b
    for i in dumped["interventies"]:
        files[target / "interventies" / f"{i['id']}.yaml"] = i
    for path, data in files.items():
        path.write_text(_dump(data), encoding="utf-8")
    return list(files)

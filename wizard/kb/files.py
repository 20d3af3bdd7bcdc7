"""Read and validate the data directory as a whole: every file against its schema, then the
links between files. Returns validated records or raises `KnowledgeBaseInvalid` with all errors."""

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import TypeAdapter, ValidationError

from wizard.kb import schema
from wizard.kb.errors import KbError, KnowledgeBaseInvalid, from_validation_error, line_of


@dataclass
class Source:
    """Where a record came from, so that cross-file errors can name file and line too."""
    file: str
    root: yaml.Node | None
    path: tuple = ()

    def error(self, message: str, *more_path) -> KbError:
        return KbError(self.file, line_of(self.root, self.path + more_path), message)


@dataclass
class ValidatedKnowledgeBase:
    bouwstenen: list[schema.BouwsteenFile] = field(default_factory=list)
    interventions: dict[str, schema.InterventionFile] = field(default_factory=dict)
    vocabularies: schema.VocabulariesFile | None = None
    effectladder: schema.EffectLadderFile | None = None
    types: list[schema.InterventionTypeFile] = field(default_factory=list)
    risks: schema.RiskFactorsFile | None = None
    version: str = ""


def _read(path: Path, rel: str, errors: list[KbError]) -> tuple[object, yaml.Node | None]:
    try:
        text = path.read_text(encoding="utf-8")
        return yaml.safe_load(text), yaml.compose(text)
    except UnicodeDecodeError:
        errors.append(KbError(rel, 1, "het bestand is geen geldige UTF-8-tekst"))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        errors.append(KbError(rel, line, f"geen geldige YAML: {exc.problem or exc}"))
    return None, None


def _validate(model, data, source: Source, errors: list[KbError]):
    try:
        if isinstance(model, TypeAdapter):
            return model.validate_python(data)
        return model.model_validate(data)
    except ValidationError as exc:
        errors.extend(from_validation_error(source.file, source.root, exc))
        return None


def read_knowledge_base(data_dir: Path) -> ValidatedKnowledgeBase:
    """Validate every file in `data_dir`; raise KnowledgeBaseInvalid listing all errors."""
    data_dir = Path(data_dir)
    errors: list[KbError] = []
    kb = ValidatedKnowledgeBase()
    sources: dict[int, Source] = {}
    digest = hashlib.sha256()

    def load(path: Path, model):
        rel = str(path.relative_to(data_dir.parent))
        data, root = _read(path, rel, errors)
        digest.update(path.name.encode() + path.read_bytes())
        source = Source(rel, root)
        if data is None and root is None:
            if not any(e.file == source.file for e in errors):
                errors.append(source.error("het bestand is leeg"))
            return None, source
        record = _validate(model, data, source, errors)
        if record is not None:
            sources[id(record)] = source
        return record, source

    required = ["vocabulaires.yaml", "effectladder.yaml", "interventietypes.yaml", "risicofactoren.yaml"]
    for name in required:
        if not (data_dir / name).exists():
            errors.append(KbError(f"{data_dir.name}/{name}", 1, "bestand ontbreekt"))
    if errors:
        raise KnowledgeBaseInvalid(errors)

    kb.vocabularies, vocab_src = load(data_dir / "vocabulaires.yaml", schema.VocabulariesFile)
    kb.effectladder, _ = load(data_dir / "effectladder.yaml", schema.EffectLadderFile)
    types, types_src = load(data_dir / "interventietypes.yaml", TypeAdapter(list[schema.InterventionTypeFile]))
    kb.types = types or []
    kb.risks, _ = load(data_dir / "risicofactoren.yaml", schema.RiskFactorsFile)

    bouwsteen_sources = {}
    for path in sorted((data_dir / "bouwstenen").glob("*.yaml")):
        record, source = load(path, schema.BouwsteenFile)
        if record is not None:
            kb.bouwstenen.append(record)
            bouwsteen_sources[record.nummer] = source

    intervention_sources = {}
    for path in sorted((data_dir / "interventies").glob("*.yaml")):
        record, source = load(path, schema.InterventionFile)
        if record is None:
            continue
        if path.stem != record.id:
            errors.append(source.error(f"bestandsnaam moet {record.id}.yaml zijn (gelijk aan id)", "id"))
        if record.id in kb.interventions:
            errors.append(source.error(f"dubbel id: {record.id!r} staat ook in "
                                       f"{intervention_sources[record.id].file}", "id"))
            continue
        kb.interventions[record.id] = record
        intervention_sources[record.id] = source

    if not errors:
        from wizard.kb.crosscheck import check_links
        errors.extend(check_links(kb, bouwsteen_sources, intervention_sources, types_src, vocab_src))
    if errors:
        raise KnowledgeBaseInvalid(errors)
    kb.bouwstenen.sort(key=lambda b: b.nummer)
    kb.version = digest.hexdigest()[:16]
    return kb

"""The bouwstenenmodel as a spreadsheet, as the report delivered it: a sheet per bouwsteen with
its factors and their interventions (like tables B3.1-B3.6), a sheet of all interventions with
their attributes (like B3.7), and the types (Bijlage 2).

The columns are the Dutch keys of the data files, taken from the models in `rules/model.py`, so a
new field appears here without a change. Reading an edited sheet back gives a new
`KnowledgeBaseContent` plus the list of changes; every error names sheet, row and column."""

import io
import typing
from dataclasses import dataclass
from datetime import date

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from pydantic import ValidationError

from rules.model import Intervention, ProtectiveFactor
from wizard.kb.crosscheck import review_date_problem
from wizard.kb.errors import dutch_message, field_errors
from wizard.kb.schema import KnowledgeBaseContent

INTERVENTIONS_SHEET = "Interventies"
TYPES_SHEET = "Interventietypes"
LIST_SEPARATOR = "; "
# the factor columns that a bouwsteen sheet shows; the rest of a factor is edited in data/
FACTOR_COLUMNS = ("id", "naam", "types", "interventies")


def bouwsteen_sheet(number: int) -> str:
    return f"Bouwsteen {number}"


@dataclass(frozen=True)
class SheetError:
    sheet: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"Blad '{self.sheet}', rij {self.row}, kolom '{self.column}': {self.message}"


@dataclass(frozen=True)
class SheetChange:
    record: str   # e.g. 'interventie:vip' or 'factor:mediawijsheid'
    field: str
    old: object
    new: object

    def __str__(self) -> str:
        return f"{self.record}: {self.field} van {_shown(self.old)} naar {_shown(self.new)}"


class SheetInvalid(ValueError):
    def __init__(self, errors: list[SheetError]):
        self.errors = errors
        super().__init__("\n".join(map(str, errors)))


def _columns(model) -> list[tuple[str, str, object]]:
    """(Dutch key, field name, annotation) of every field a data file writes."""
    return [(info.alias or name, name, info.annotation) for name, info in model.model_fields.items()
            if not info.exclude]


def _is_list(annotation) -> bool:
    return typing.get_origin(annotation) in (tuple, list)


def _cell(value):
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(str(v) for v in value)
    if isinstance(value, bool):
        return "ja" if value else "nee"
    return value


def _shown(value) -> str:
    return "leeg" if value in (None, "", [], ()) else repr(_cell(value))


def write_workbook(content: KnowledgeBaseContent) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    bold = Font(bold=True)
    for b in content.bouwstenen:
        sheet = workbook.create_sheet(bouwsteen_sheet(b.nummer))
        sheet.append(["thema", *FACTOR_COLUMNS])
        for t in b.themas:
            for f in t.factoren:
                record = f.file_record()
                sheet.append([t.naam, *(_cell(record[c]) for c in FACTOR_COLUMNS)])
    columns = _columns(Intervention)
    sheet = workbook.create_sheet(INTERVENTIONS_SHEET)
    sheet.append([key for key, _, _ in columns])
    for i in content.interventies:
        record = i.file_record()
        sheet.append([_cell(record[key]) for key, _, _ in columns])
    sheet = workbook.create_sheet(TYPES_SHEET)
    type_keys = ["nummer", "naam", "hoofdtype", "omschrijving", "werkzame_elementen", "randvoorwaarden", "voorbeelden"]
    sheet.append(type_keys)
    for t in content.interventietypes:
        record = t.file_record()
        sheet.append([_cell(record[k]) for k in type_keys])
    for sheet in workbook.worksheets:
        for cell in sheet[1]:
            cell.font = bold
        sheet.freeze_panes = "A2"
        for column in sheet.columns:
            for cell in column[1:]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _value(raw, annotation):
    """A cell as the data file would hold it (validation happens in the model)."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return [] if _is_list(annotation) else None
    if _is_list(annotation):
        return [part.strip() for part in str(raw).split(";") if part.strip()]
    if isinstance(raw, str) and raw.strip().lower() in ("ja", "nee") and bool in typing.get_args(annotation) + (annotation,):
        return raw.strip().lower() == "ja"
    if isinstance(raw, date) and not isinstance(raw, str):
        return raw.date().isoformat() if hasattr(raw, "date") else raw.isoformat()
    return raw


def _header(sheet, expected: list[str], errors: list[SheetError]) -> dict[str, int] | None:
    header = [str(c.value).strip() if c.value is not None else "" for c in sheet[1]]
    missing = [k for k in expected if k not in header]
    for key in missing:
        errors.append(SheetError(sheet.title, 1, key, "deze kolom ontbreekt"))
    unknown = [k for k in header if k and k not in expected]
    for key in unknown:
        errors.append(SheetError(sheet.title, 1, key, "onbekende kolom"))
    return None if missing or unknown else {k: header.index(k) for k in expected}


def read_workbook(data: bytes, base: KnowledgeBaseContent) -> tuple[KnowledgeBaseContent, list[SheetChange]]:
    """The knowledge base `base` with the sheet's interventions and factor links applied.

    :raise SheetInvalid: with every error, by sheet, row and column; nothing is applied then."""
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise SheetInvalid([SheetError("-", 1, "-", "het bestand is geen Excel-werkmap (.xlsx)")]) from None
    errors: list[SheetError] = []
    refused: set[str] = set()
    interventions = _read_interventions(workbook, base, errors, refused)
    factors = _read_factor_links(workbook, base, set(interventions) | refused, errors)
    if errors:
        raise SheetInvalid(errors)
    changes = _changes(base, interventions, factors)
    dumped = base.model_dump(by_alias=True)
    dumped["interventies"] = [i.file_record() for i in interventions.values()]
    for b in dumped["bouwstenen"]:
        for t in b["themas"]:
            for f in t["factoren"]:
                f["interventies"] = factors[f["id"]]
    try:
        return KnowledgeBaseContent.model_validate(dumped), changes
    except ValidationError as exc:
        raise SheetInvalid([SheetError("-", 1, ".".join(map(str, e["loc"])), dutch_message(e))
                            for e in exc.errors()]) from None


def _read_interventions(workbook, base, errors, refused: set[str]) -> dict[str, Intervention]:
    """The valid rows of the interventions sheet by id; the ids of rows refused for a field of
    their own go into `refused`."""
    if INTERVENTIONS_SHEET not in workbook.sheetnames:
        errors.append(SheetError(INTERVENTIONS_SHEET, 1, "-", "dit blad ontbreekt"))
        return {}
    sheet = workbook[INTERVENTIONS_SHEET]
    columns = _columns(Intervention)
    positions = _header(sheet, [key for key, _, _ in columns], errors)
    if positions is None:
        return {}
    result: dict[str, Intervention] = {}
    for number, row in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in row):
            continue
        record = {key: _value(row[positions[key]] if positions[key] < len(row) else None, annotation)
                  for key, _, annotation in columns}
        try:
            intervention = Intervention.model_validate(record)
        except ValidationError as exc:
            errors += [SheetError(INTERVENTIONS_SHEET, number, column or "-", message)
                       for column, message in field_errors(exc)]
            if isinstance(record["id"], str):
                # the row is there: the bouwsteen sheets may name it (one mistake, one error)
                refused.add(record["id"])
            continue
        if intervention.id in result:
            errors.append(SheetError(INTERVENTIONS_SHEET, number, "id", f"dubbel id {intervention.id!r}"))
        if problem := review_date_problem(intervention.reviewed_on):
            errors.append(SheetError(INTERVENTIONS_SHEET, number, "herzien_op", problem))
        result[intervention.id] = intervention
    for i in base.interventies:
        if i.id not in result and not any(e.sheet == INTERVENTIONS_SHEET for e in errors):
            errors.append(SheetError(INTERVENTIONS_SHEET, 1, "id", f"de rij van {i.id!r} ontbreekt: een interventie "
                                     "verdwijnt niet, zet haar status op 'teruggetrokken' met een reden"))
    return result


def _read_factor_links(workbook, base, intervention_ids: set[str], errors) -> dict[str, list[str]]:
    links = {f.id: list(f.intervention_ids) for b in base.bouwstenen for t in b.themas for f in t.factoren}
    annotation = ProtectiveFactor.model_fields["intervention_ids"].annotation
    for b in base.bouwstenen:
        name = bouwsteen_sheet(b.nummer)
        if name not in workbook.sheetnames:
            errors.append(SheetError(name, 1, "-", "dit blad ontbreekt"))
            continue
        sheet = workbook[name]
        positions = _header(sheet, ["thema", *FACTOR_COLUMNS], errors)
        if positions is None:
            continue
        own = {f.id for t in b.themas for f in t.factoren}
        for number, row in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):
            fid = row[positions["id"]]
            if fid is None:
                continue
            if fid not in own:
                errors.append(SheetError(name, number, "id", f"onbekende factor {fid!r} in deze bouwsteen "
                                         "(factoren toevoegen gaat via data/)"))
                continue
            ids = _value(row[positions["interventies"]], annotation)
            for iid in ids:
                if iid not in intervention_ids:
                    errors.append(SheetError(name, number, "interventies", f"onbekende interventie {iid!r}"))
            if len(set(ids)) != len(ids):
                errors.append(SheetError(name, number, "interventies", "een interventie staat er dubbel in"))
            links[fid] = ids
    return links


def _changes(base, interventions, factors) -> list[SheetChange]:
    changes = []
    old = {i.id: i.file_record() for i in base.interventies}
    for iid, intervention in interventions.items():
        new = intervention.file_record()
        if iid not in old:
            changes.append(SheetChange(f"interventie:{iid}", "nieuw", None, new["naam"]))
            continue
        changes += [SheetChange(f"interventie:{iid}", key, old[iid][key], value)
                    for key, value in new.items() if old[iid][key] != value]
    for b in base.bouwstenen:
        for t in b.themas:
            for f in t.factoren:
                if list(f.intervention_ids) != factors[f.id]:
                    changes.append(SheetChange(f"factor:{f.id}", "interventies", list(f.intervention_ids), factors[f.id]))
    return changes

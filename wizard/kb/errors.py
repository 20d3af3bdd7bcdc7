"""Validation errors in Dutch: the one translation of pydantic's errors for the knowledge base,
used by `kb check` (with file and line), the editor and the spreadsheet import."""

from dataclasses import dataclass

import yaml
from pydantic import ValidationError

# pydantic's English messages, by error type, in the Dutch the maintainers read
_DUTCH = {
    "missing": "verplicht veld ontbreekt",
    "extra_forbidden": "onbekend veld",
    "string_type": "moet tekst zijn",
    "string_too_short": "mag niet leeg zijn",
    "string_pattern_mismatch": "heeft niet de vorm van een id (kleine letters, cijfers en '-')",
    "int_type": "moet een geheel getal zijn",
    "int_parsing": "moet een geheel getal zijn",
    # ja/nee in the editor and the spreadsheet, true/false in a data file
    "bool_type": "moet ja of nee (true of false) zijn",
    "bool_parsing": "moet ja of nee (true of false) zijn",
    "list_type": "moet een lijst zijn",
    "model_type": "moet een sleutel-waardeblok zijn",
    "model_attributes_type": "moet een sleutel-waardeblok zijn",
    "dict_type": "moet een sleutel-waardeblok zijn",
    "url_parsing": "is geen geldig webadres (URL)",
    "url_scheme": "moet met http:// of https:// beginnen",
    "url_type": "is geen geldig webadres (URL)",
    "date_type": "moet een datum zijn als JJJJ-MM-DD, bijvoorbeeld 2026-12-01",
    "date_parsing": "moet een datum zijn als JJJJ-MM-DD, bijvoorbeeld 2026-12-01",
    "date_from_datetime_parsing": "moet een datum zijn als JJJJ-MM-DD, bijvoorbeeld 2026-12-01",
    "date_from_datetime_inexact": "moet een datum zijn zonder tijd, als JJJJ-MM-DD",
    "int_from_float": "moet een geheel getal zijn",
    "float_type": "moet een getal zijn",
    "float_parsing": "moet een getal zijn",
    "tuple_type": "moet een lijst zijn",
}
# what is said of an error type not listed above: Dutch, never pydantic's English
_UNKNOWN = "heeft geen geldige waarde"


def _count(n, one: str, more: str) -> str:
    return f"{n} {one if n == 1 else more}"


@dataclass(frozen=True, order=True)
class KbError:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}, regel {self.line}: {self.message}"


class KnowledgeBaseInvalid(Exception):
    """Raised with every error found; nothing has been written when it is raised."""

    def __init__(self, errors: list[KbError]):
        self.errors = sorted(errors)
        super().__init__("\n".join(map(str, self.errors)))


def line_of(node: yaml.Node | None, path: tuple) -> int:
    """The 1-based line of the YAML node at `path` (keys and list indices), or of the
    deepest node on that path that exists (a missing key points at its parent block)."""
    if node is None:
        return 1
    line = node.start_mark.line + 1
    for part in path:
        child = None
        if isinstance(node, yaml.MappingNode):
            child = next((v for k, v in node.value if k.value == part), None)
            if child is not None:
                key = next(k for k, v in node.value if k.value == part)
                line = key.start_mark.line + 1
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            child = node.value[part]
            line = child.start_mark.line + 1
        if child is None:
            break
        node = child
    return line


def dutch_message(error: dict, indices: bool = True) -> str:
    """The error as 'field: what is wrong' (or only what is wrong, for an error of the whole
    record). `indices=False` leaves list positions out of the field ('weblinks', not
    'weblinks.0'), for a form or a cell that shows the list as lines or items with the value."""
    kind, ctx = error["type"], error.get("ctx") or {}
    field = ".".join(str(p) for p in error["loc"] if not str(p).startswith("function-")
                     and (indices or not isinstance(p, int)))
    if kind.endswith("_type") and error.get("input", "") is None:
        text = "mag niet leeg zijn"  # an empty cell or 'naam:' without a value: not 'moet tekst zijn'
    elif kind == "greater_than_equal":
        text = f"moet minstens {ctx['ge']} zijn, niet {error['input']!r}"
    elif kind == "less_than_equal":
        text = f"mag hoogstens {ctx['le']} zijn, niet {error['input']!r}"
    elif kind == "literal_error":
        # pydantic lists the options in English ("'a', 'b' or 'c'")
        expected = str(ctx.get("expected", "")).replace(" or ", " of ")
        text = f"moet een van {expected} zijn, niet {error['input']!r}"
    elif kind == "too_short":
        text = f"moet minstens {_count(ctx.get('min_length'), 'waarde', 'waarden')} bevatten"
    elif kind == "string_too_long":
        text = f"is te lang: hoogstens {ctx.get('max_length')} tekens, niet {len(error['input'])}"
    elif kind == "too_long":
        text = f"mag hoogstens {_count(ctx.get('max_length'), 'waarde', 'waarden')} bevatten"
    elif kind == "value_error":
        text = str(ctx.get("error", error["msg"]))
    else:
        text = _DUTCH.get(kind, _UNKNOWN)
    return f"{field}: {text}" if field else text


def field_errors(exc: ValidationError) -> list[tuple[str, str]]:
    """(top-level key, Dutch message without that key) per error of one record, for forms and
    sheets that show each message at its field or column ('' for an error of the whole record)."""
    return [(str(e["loc"][0]) if e["loc"] else "", dutch_message({**e, "loc": e["loc"][1:]}, indices=False))
            for e in exc.errors()]


def from_validation_error(file: str, root: yaml.Node | None, exc: ValidationError,
                          prefix: tuple = ()) -> list[KbError]:
    errors = []
    for error in exc.errors():
        loc = tuple(p for p in error["loc"] if not str(p).startswith("function-"))
        errors.append(KbError(file, line_of(root, prefix + loc), dutch_message(error)))
    return errors

"""Validation errors that name file and line, in Dutch, as `kb check` prints them."""

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
    "bool_type": "moet true of false zijn",
    "bool_parsing": "moet true of false zijn",
    "list_type": "moet een lijst zijn",
    "model_type": "moet een sleutel-waardeblok zijn",
    "model_attributes_type": "moet een sleutel-waardeblok zijn",
    "dict_type": "moet een sleutel-waardeblok zijn",
    "url_parsing": "is geen geldig webadres (URL)",
    "url_scheme": "moet met http:// of https:// beginnen",
    "url_type": "is geen geldig webadres (URL)",
}


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


def dutch_message(error: dict) -> str:
    kind, ctx = error["type"], error.get("ctx") or {}
    field = ".".join(str(p) for p in error["loc"] if not str(p).startswith("function-"))
    if kind == "greater_than_equal":
        text = f"moet minstens {ctx['ge']} zijn, niet {error['input']!r}"
    elif kind == "less_than_equal":
        text = f"mag hoogstens {ctx['le']} zijn, niet {error['input']!r}"
    elif kind == "literal_error":
        # pydantic lists the options in English ("'a', 'b' or 'c'")
        expected = str(ctx.get("expected", "")).replace(" or ", " of ")
        text = f"moet een van {expected} zijn, niet {error['input']!r}"
    elif kind == "too_short":
        text = f"moet minstens {ctx.get('min_length')} item(s) bevatten"
    elif kind == "string_too_long":
        text = f"is te lang: hoogstens {ctx.get('max_length')} tekens, niet {len(error['input'])}"
    elif kind == "too_long":
        text = f"mag hoogstens {ctx.get('max_length')} item(s) bevatten"
    elif kind == "value_error":
        text = str(ctx.get("error", error["msg"]))
    else:
        text = _DUTCH.get(kind, error["msg"])
    return f"{field}: {text}" if field else text


def from_validation_error(file: str, root: yaml.Node | None, exc: ValidationError,
                          prefix: tuple = ()) -> list[KbError]:
    errors = []
    for error in exc.errors():
        loc = tuple(p for p in error["loc"] if not str(p).startswith("function-"))
        errors.append(KbError(file, line_of(root, prefix + loc), dutch_message(error)))
    return errors

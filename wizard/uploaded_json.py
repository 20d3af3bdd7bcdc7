"""Reading an uploaded profile file safely: the bytes become JSON data or a Dutch refusal.

json.loads recurses per nesting level, so 1,000 nested brackets raise RecursionError; a real
profile is four levels deep. Strings are checked here too (NUL, bidi controls, lone surrogates,
which no database stores), so that nothing reaches the profile contract that could not be stored."""

import json

from rules.text import text_problem

MAX_DEPTH = 8


class UploadInvalid(ValueError):
    """The file is not a profile we can read; the message is Dutch and meant for the user."""


def read_uploaded_json(raw: bytes) -> object:
    """The parsed JSON of an uploaded profile.

    :raise ProfileFileInvalid: if it is not UTF-8 JSON, nests deeper than MAX_DEPTH, or holds
        a string (key or value) that may not be stored."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise UploadInvalid("Het bestand is geen geldig JSON-profiel.") from None
    except RecursionError:
        raise UploadInvalid(_TOO_DEEP) from None
    _check(data)
    return data


_TOO_DEEP = f"Het profiel is te diep genest (hoogstens {MAX_DEPTH} niveaus)."


def _check(data: object) -> None:
    # iterative, so a deep structure cannot exhaust the stack here either
    pending = [(data, 1, "profiel")]
    while pending:
        value, depth, where = pending.pop()
        if isinstance(value, (dict, list)) and depth > MAX_DEPTH:
            raise UploadInvalid(_TOO_DEEP)
        if isinstance(value, dict):
            for key, item in value.items():
                _check_text(key, where)
                pending.append((item, depth + 1, f"{where}.{key}"))
        elif isinstance(value, list):
            pending.extend((item, depth + 1, f"{where}[{i}]") for i, item in enumerate(value))
        elif isinstance(value, str):
            _check_text(value, where)


def _check_text(text: str, where: str) -> None:
    problem = text_problem(text)
    if problem:
        raise UploadInvalid(f"{where}: {problem}.")

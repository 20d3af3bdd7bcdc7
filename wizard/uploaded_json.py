"""Reading an uploaded profile file safely: the bytes become JSON data or a Dutch refusal.

json.loads recurses per nesting level, so 1,000 nested brackets raise RecursionError; a real
profile is four levels deep. Strings are checked here too (NUL, bidi controls, lone surrogates,
which no database stores), so that nothing reaches the profile contract that could not be stored."""

import json

from rules.text import text_problem

MAX_DEPTH = 8


class UploadInvalid(ValueError):
    """The file is not a profile we can read; the message is Dutch and meant for the user."""


class UnstorableText(UploadInvalid):
    """A string in the file may not be stored. `path` names where, in the shape rules.profile
    names fields ('context.aanleiding', 'doelgroepen[0]'; '' for the top level); `in_key`: the
    string is a key of the object at `path`, not its value; `problem` is rules.text's phrase."""

    def __init__(self, path: str, problem: str, in_key: bool = False):
        self.path, self.problem, self.in_key = path, problem, in_key
        where = "een veldnaam" if in_key else "een tekst"
        super().__init__(f"Het bestand bevat {where} die niet bewaard kan worden: die {problem}.")


def read_uploaded_json(raw: bytes) -> object:
    """The parsed JSON of an uploaded profile.

    :raise UploadInvalid: if it is not UTF-8 JSON or nests deeper than MAX_DEPTH;
        UnstorableText if it holds a string (key or value) that may not be stored."""
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
    pending = [(data, 1, "")]
    while pending:
        value, depth, where = pending.pop()
        if isinstance(value, (dict, list)) and depth > MAX_DEPTH:
            raise UploadInvalid(_TOO_DEEP)
        if isinstance(value, dict):
            for key, item in value.items():
                _check_text(key, where, in_key=True)
                pending.append((item, depth + 1, f"{where}.{key}" if where else key))
        elif isinstance(value, list):
            pending.extend((item, depth + 1, f"{where}[{i}]") for i, item in enumerate(value))
        elif isinstance(value, str):
            _check_text(value, where)


def _check_text(text: str, where: str, in_key: bool = False) -> None:
    problem = text_problem(text)
    if problem:
        raise UnstorableText(where, problem, in_key)

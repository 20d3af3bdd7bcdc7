"""How the questionnaire names a field of the profile contract, for messages about a profile (an
imported file, the overview): the label of that question on its step, never the JSON path
('‘Naam van de gemeente’ (stap 1)', not 'profiel.gemeente'). The labels come from the step forms,
so a question renamed there is renamed here too."""

import re

from wizard.questionnaire import steps
from wizard.uploaded_json import UnstorableText

# the profile keys each step writes (steps.STEPS); below 'context' and 'voorkeuren' every key is
# the name of its form field on that step
_STEP_OF = {key: s for s in steps.STEPS for key in s.keys}


def question(path: str) -> str | None:
    """The question (with its step) that `path` answers, in the shape rules.profile names fields
    ('context.budget_euro', 'doelgroepen[1]', 'factoren[0].id'); a whole step for 'context';
    None for the profile itself or a key the questionnaire does not know."""
    parts = _parts(path)
    if parts in (["context"], ["voorkeuren"]):
        step = _STEP_OF[parts[0]]
        return f"Stap {step.number} ({step.title})"
    found = field_of(path)
    if found is None:
        return None
    step, name = found
    return f"‘{label(step, name)}’ (stap {step.number})"


def label(step, name: str) -> str:
    """The label of field `name` of `step`'s form."""
    return getattr(step.form, name).args[0]


def field_of(path: str):
    """(the step, the name of its form field) that asks for profile field `path`, or None."""
    parts = _parts(path)
    if not parts or parts[0] not in _STEP_OF or len(parts) > 2:
        return None
    step = _STEP_OF[parts[0]]
    if parts[0] in ("context", "voorkeuren"):
        name = parts[1] if len(parts) == 2 else None
    elif parts[0] == "factoren":  # a chosen factor is its id (the factor list) and its priority
        name = "prioriteit" if parts[1:] == ["prioriteit"] else "factoren"
    else:
        name = parts[0] if len(parts) == 1 else None
    field = getattr(step.form, name, None) if name else None
    return (step, name) if field is not None and getattr(field, "args", None) else None


def _parts(path: str) -> list[str]:
    return [p for p in re.sub(r"\[\d+\]", "", path).split(".") if p]


def described(path: str, message: str) -> str:
    """One line about field `path` of a profile: its question, then `message` (a Dutch phrase
    from rules.profile or rules.text, such as 'mag niet leeg zijn')."""
    if message == "is geen bekend veld":  # rules.profile's word for an extra key: named as the file has it
        return f"Het bestand bevat een veld dat de vragenlijst niet kent: ‘{_last_key(path)}’."
    where = question(path)
    if where is None:
        return f"Het profiel {message}." if not path or path == "profiel" else f"Het veld ‘{_last_key(path)}’ {message}."
    return f"{where}: {message}."


def _last_key(path: str) -> str:
    return (_parts(path) or [path])[-1]


def unstorable(exc: UnstorableText) -> str:
    """The line for a string in an uploaded file that may not be stored."""
    if exc.in_key:  # no question has a key of its own: a key is named as it is in the file
        return f"Een veldnaam in het bestand {exc.problem}."
    return described(exc.path, exc.problem)

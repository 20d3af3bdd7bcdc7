"""How /beheer/audit and the history pages show an audit event to a person: Dutch words and
readable values instead of the JSON and program words that `audit.record` stores.

Only the display changes: the stored row stays exactly as it was written (it is evidence), so
every function here reads a stored value and returns text. Unknown shapes fall back to a plain
rendering rather than fail, because the log holds rows written by every earlier release."""

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from babel.numbers import format_decimal
from flask import has_app_context

from wizard.access_log import without_keys
from wizard.audit import ACCESS_REFUSED
from wizard.advice.service import GENERAL_NOTE
from wizard.beheer import bp
from wizard.kb.access import knowledge_base
from wizard.questionnaire.per_kb import PerKnowledgeBase

EMPTY = "(leeg)"
NONE_CHOSEN = "(geen)"
ARROW = " → "

# Flask-Security's names of how someone logged in (`authn_via` of its login signal)
LOGIN_METHODS = {"password": "wachtwoord", "authenticator": "code uit de authenticator-app",
                 "email": "code per e-mail", "sms": "code per sms", "webauthn": "beveiligingssleutel",
                 "reset": "herstellink", "change": "gewijzigd wachtwoord", "confirm": "bevestigingslink",
                 "register": "registratie", "token": "toegangstoken", "oauth": "identity provider"}
# program words stored as a value of one field, with the words the pages use for them
FIELD_VALUES = {"tweestapsverificatie": {"authenticator": "authenticator-app"}}
# the reason of a refused access ends with the request it refused (audit.record_refusal); rows
# written before it masked keys still hold them, so the page masks them too
_REQUEST = re.compile(r"^(?P<why>.*): (?P<method>[A-Z]+) (?P<path>/\S*)$", re.DOTALL)
REQUEST_KINDS = {"GET": "pagina geopend", "HEAD": "pagina geopend", "POST": "formulier verstuurd"}
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# the names of the factors and interventions of a knowledge base, by id, for the values and
# targets that name them ('goede-en-positieve-band-met-school-werk', 'interventie:2do-school')
_names = PerKnowledgeBase(size=1)


@dataclass(frozen=True)
class ChangeLine:
    """One line of the 'Gewijzigd' column: a field (or a field's part) and what happened to it."""
    label: str
    text: str


def label(key: str) -> str:
    """A stored field name as words: 'budget_euro' -> 'budget euro', 'notitie _algemeen' ->
    'algemene notitie' (the note about the whole advice)."""
    words = str(key).split(" ")
    if GENERAL_NOTE in words:
        words = ["algemene"] + [word for word in words if word != GENERAL_NOTE]
    return " ".join(" ".join(words).replace("_", " ").split())


def value_text(value: Any, field: str | None = None) -> str:
    """One stored value as Dutch text: ja/nee, (leeg), a decimal comma, Dutch dates, lists as
    comma-separated text, a nested object as 'veld: waarde' pairs."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, (int, float)):
        # a decimal comma, but no thousands dot: many stored numbers are ids and version numbers
        return format_decimal(value, locale="nl_NL", group_separator=False)
    if isinstance(value, str):
        if field in FIELD_VALUES and value in FIELD_VALUES[field]:
            return FIELD_VALUES[field][value]
        name = _names_by_id().get(value)
        if name is not None:
            return name
        if _ISO_DATE.match(value):
            try:
                day = date.fromisoformat(value)
            except ValueError:
                return value
            return f"{day.day}-{day.month}-{day.year}"
        return value
    if isinstance(value, list):
        return ", ".join(value_text(item) for item in value) if value else NONE_CHOSEN
    if isinstance(value, dict):
        return _object_text(value)
    return str(value)


def _object_text(value: dict) -> str:
    # an item of a list, such as a chosen factor {"id": ..., "prioriteit": ...}: its id first
    rest = ", ".join(f"{label(k)}: {value_text(v, k)}" for k, v in value.items() if k != "id")
    if "id" in value:
        return f"{value_text(value['id'])} ({rest})" if rest else value_text(value["id"])
    return rest or EMPTY


def change_lines(changes: dict[str, list] | None) -> list[ChangeLine]:
    """The 'Gewijzigd' column of one event. A nested object (a step's answers) becomes one line
    per part: every part when it was new, else only the parts that differ. A list that gained
    or lost items says which."""
    lines: list[ChangeLine] = []
    for field, pair in (changes or {}).items():
        old, new = (pair[0], pair[1]) if isinstance(pair, (list, tuple)) and len(pair) == 2 else (None, pair)
        if isinstance(old, dict) or isinstance(new, dict):
            lines.extend(_object_lines(field, old, new))
        else:
            lines.append(ChangeLine(label(field), _change_text(old, new, field)))
    return lines


def _object_lines(field: str, old: Any, new: Any) -> list[ChangeLine]:
    if not (isinstance(old, dict) and isinstance(new, dict)):
        whole = new if isinstance(new, dict) else old
        tail = "" if isinstance(new, dict) else ARROW + EMPTY
        return [ChangeLine(f"{label(field)}, {label(k)}", value_text(v, k) + tail) for k, v in whole.items()]
    keys = list(new) + [k for k in old if k not in new]
    return [ChangeLine(f"{label(field)}, {label(k)}", _change_text(old.get(k), new.get(k), k))
            for k in keys if old.get(k) != new.get(k)]


def _change_text(old: Any, new: Any, field: str) -> str:
    if isinstance(old, list) and isinstance(new, list) and old and new:
        before, after = [value_text(i) for i in old], [value_text(i) for i in new]
        added = [i for i in after if i not in before]
        removed = [i for i in before if i not in after]
        if added or removed:
            parts = ([f"erbij: {', '.join(added)}"] if added else []) + ([f"eraf: {', '.join(removed)}"] if removed else [])
            return "; ".join(parts)
    return value_text(old, field) + ARROW + value_text(new, field)


def _names_by_id() -> dict[str, str]:
    """Factor and intervention names by id, in the newest knowledge base (an id never changes, so
    a row from before a rename shows today's name; an id that is gone shows as stored). Outside
    an app (a plain unit test, a script) there is no knowledge base at hand: ids as stored."""
    if not has_app_context():
        return {}
    kb = knowledge_base()
    return _names.get(kb, "names", lambda: {**{f.id: f.name for f in kb.factors.values()},
                                             **{i.id: i.name for i in kb.interventions.values()}})


def target_text(target: str | None) -> str:
    """The 'Waarop' column: 'interventie:2do-school' as 'interventie 2DO School'; other targets as stored."""
    if not target:
        return "-"
    kind, _, key = target.partition(":")
    name = _names_by_id().get(key) if kind in ("interventie", "factor") else None
    return f"{kind} {name}" if name else target


def reason_text(event: str, reason: str | None) -> str:
    """The 'Reden' column: a person's reason as written; the words the program wrote (how someone
    logged in, which request was refused) in Dutch, with keys in a refused path masked."""
    if not reason:
        return "-"
    if event == "inloggen" and reason.startswith("via "):
        methods = [m.strip() for m in reason[len("via "):].split(",")]
        if all(m in LOGIN_METHODS for m in methods):
            return "met " + " en ".join(LOGIN_METHODS[m] for m in methods)
    refused = _REQUEST.match(reason) if event == ACCESS_REFUSED else None
    if refused:
        kind = REQUEST_KINDS.get(refused["method"], "verzoek")
        return f"{refused['why']} ({kind}: {without_keys(refused['path'])})"
    return reason


bp.add_app_template_global(change_lines, "audit_change_lines")
bp.add_app_template_global(reason_text, "audit_reason")
bp.add_app_template_global(target_text, "audit_target")

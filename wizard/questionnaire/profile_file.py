"""The profile file a municipality downloads and later imports again.

The file is the profile contract (rules/profile.py) plus two keys of its own: `formaat_versie`
(FORMAT_VERSION; a file without it is format 1, the bare profile exported before 2026-12) and
`kennisbank_versie`, the knowledge base it was made with. An import is held to the
questionnaire's own rules: only the steps whose answers pass that step's form are marked done."""

from dataclasses import dataclass

from rules.model import KnowledgeBase
from rules.profile import Profile, ProfileInvalid, parse_profile
from wizard.questionnaire import field_names, steps
from wizard.uploaded_json import UnstorableText, UploadInvalid, read_uploaded_json

FORMAT_VERSION = 2
ENVELOPE = ("formaat_versie", "kennisbank_versie")


class ProfileRefused(ValueError):
    """The file cannot be imported; `messages` are Dutch and name the field as the questionnaire
    does (wizard/questionnaire/field_names.py)."""

    def __init__(self, messages: list[str]):
        self.messages = messages
        super().__init__("; ".join(messages))


@dataclass(frozen=True)
class Imported:
    answers: dict          # as the questionnaire stores them: only what the file gives
    completed: list[int]   # the steps whose answers are complete and valid


def export(answers: dict, kb: KnowledgeBase) -> dict:
    """The file for the stored `answers` (session bookkeeping left out)."""
    return {"formaat_versie": FORMAT_VERSION, "kennisbank_versie": kb.version,
            **{key: answers[key] for key in steps.PROFILE_KEYS if key in answers}}


def parse(data: object, kb: KnowledgeBase) -> tuple[Profile, dict]:
    """The profile in a parsed profile file of any supported format, validated against the
    current knowledge base, and the answers as the file gave them (upgraded to this format).

    :raise ProfileRefused: for a wrong or too new format version, or an invalid profile; for a
        file made with another knowledge-base version or format, the message names the ids the
        current knowledge base no longer has."""
    if not isinstance(data, dict):
        raise ProfileRefused(["Het bestand is geen profiel: een profiel is een JSON-object ({ … }) met de antwoorden."])
    version, made_with = _envelope(data)
    given = {k: v for k, v in data.items() if k not in ENVELOPE}
    for older in range(version, FORMAT_VERSION):
        given = _UPGRADES[older](given)
    try:
        return parse_profile(given, kb), given
    except ProfileInvalid as exc:
        raise ProfileRefused(_explained(exc.errors, version, made_with, kb)) from None


def read_upload(raw: bytes, kb: KnowledgeBase) -> Imported:
    """What the questionnaire stores for the uploaded bytes `raw` (see `parse` for what is refused).

    :raise ProfileRefused: also when `raw` is no JSON that may be stored (wizard/uploaded_json.py)."""
    try:
        data = read_uploaded_json(raw)
    except UnstorableText as exc:
        raise ProfileRefused([field_names.unstorable(exc)]) from None
    except UploadInvalid as exc:
        raise ProfileRefused([str(exc)]) from None
    return read(data, kb)


def read(data: object, kb: KnowledgeBase) -> Imported:
    """What the questionnaire stores for an imported file (see `parse` for what is refused)."""
    profile, given = parse(data, kb)
    answers = _as_given(profile.model_dump(mode="json"), given)
    return Imported(answers, steps.answered_steps(answers, kb))


def _envelope(data: dict) -> tuple[int, str | None]:
    version = data.get("formaat_versie", 1)
    if type(version) is not int or not 1 <= version <= FORMAT_VERSION:
        raise ProfileRefused([f"Het bestand heeft formaat {version!r} (formaat_versie); deze Bouwstenenwijzer leest "
                              f"profielen van formaat 1 tot en met {FORMAT_VERSION}."])
    made_with = data.get("kennisbank_versie")
    if made_with is not None and not isinstance(made_with, str):
        raise ProfileRefused([f"De kennisbankversie van het bestand (kennisbank_versie) moet tekst zijn, niet {made_with!r}."])
    return version, made_with


def _from_format_1(data: dict) -> dict:
    """Format 1 holds the same answers in the same shape; only the envelope is new."""
    return data


_UPGRADES = {1: _from_format_1}  # format n -> function giving the answers in format n + 1


def _explained(errors: list[tuple[str, str]], version: int, made_with: str | None, kb: KnowledgeBase) -> list[str]:
    """The errors as lines; ids unknown to a file from another version are named as vanished."""
    lines = [field_names.described(field, message) for field, message in errors]
    older = version < FORMAT_VERSION or made_with != kb.version
    # rules.profile words an unknown id as "onbekende <soort> '<id>'"
    vanished = [f"{message.removeprefix('onbekende ')} bij {field_names.question(field) or field}"
                for field, message in errors if message.startswith("onbekende ")]
    if not (older and vanished):
        return lines
    origin = f"kennisbankversie {made_with}" if made_with else f"een oudere Bouwstenenwijzer (formaat {version})"
    return [f"Dit profiel is gemaakt met {origin}. Deze ids bestaan niet meer in de huidige kennisbank "
            f"(versie {kb.version}): {', '.join(vanished)}. Verwijder ze uit het bestand of vul de vragenlijst "
            "opnieuw in."] + [field_names.described(field, message) for field, message in errors
                              if not message.startswith("onbekende ")]


def _as_given(dumped: dict, given: dict) -> dict:
    """The validated profile with only the keys the file gave (so that no default answers a question)."""
    return {key: _as_given(value, given[key]) if isinstance(value, dict) and isinstance(given[key], dict) else value
            for key, value in dumped.items() if key in given}

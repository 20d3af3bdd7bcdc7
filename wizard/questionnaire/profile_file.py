"""The profile file a municipality downloads and later imports again.

The file is the profile contract (rules/profile.py) plus two keys of its own: `formaat_versie`
(FORMAT_VERSION; a file without it is format 1, the bare profile exported before 2026-12) and
`kennisbank_versie`, the knowledge base it was made with. An import is held to the
questionnaire's own rules: only the steps whose answers pass that step's form are marked done."""

from dataclasses import dataclass

from rules.model import KnowledgeBase
from rules.profile import Profile, ProfileInvalid, parse_profile
from wizard.questionnaire import steps

FORMAT_VERSION = 2
ENVELOPE = ("formaat_versie", "kennisbank_versie")


class ProfileRefused(ValueError):
    """The file cannot be imported; `messages` are Dutch and name the field."""

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
        raise ProfileRefused(["profiel: moet een JSON-object zijn"])
    version, made_with = _envelope(data)
    given = {k: v for k, v in data.items() if k not in ENVELOPE}
    for older in range(version, FORMAT_VERSION):
        given = _UPGRADES[older](given)
    try:
        return parse_profile(given, kb), given
    except ProfileInvalid as exc:
        raise ProfileRefused(_explained(exc.errors, version, made_with, kb)) from None


def read(data: object, kb: KnowledgeBase) -> Imported:
    """What the questionnaire stores for an imported file (see `parse` for what is refused)."""
    profile, given = parse(data, kb)
    answers = _as_given(profile.model_dump(mode="json"), given)
    return Imported(answers, steps.answered_steps(answers, kb))


def _envelope(data: dict) -> tuple[int, str | None]:
    version = data.get("formaat_versie", 1)
    if type(version) is not int or not 1 <= version <= FORMAT_VERSION:
        raise ProfileRefused([f"formaat_versie: deze Bouwstenenwijzer leest profielen van formaat 1 tot en met "
                              f"{FORMAT_VERSION}, niet {version!r}"])
    made_with = data.get("kennisbank_versie")
    if made_with is not None and not isinstance(made_with, str):
        raise ProfileRefused(["kennisbank_versie: moet tekst zijn"])
    return version, made_with


def _from_format_1(data: dict) -> dict:
    """Format 1 holds the same answers in the same shape; only the envelope is new."""
    return data


_UPGRADES = {1: _from_format_1}  # format n -> function giving the answers in format n + 1


def _explained(errors: list[tuple[str, str]], version: int, made_with: str | None, kb: KnowledgeBase) -> list[str]:
    """The errors as lines; ids unknown to a file from another version are named as vanished."""
    lines = [f"{field}: {message}" for field, message in errors]
    older = version < FORMAT_VERSION or made_with != kb.version
    # rules.profile words an unknown id as "onbekende <soort> '<id>'"
    vanished = [f"{field} ({message.removeprefix('onbekende ')})" for field, message in errors
                if message.startswith("onbekende ")]
    if not (older and vanished):
        return lines
    origin = f"kennisbankversie {made_with}" if made_with else f"een oudere Bouwstenenwijzer (formaat {version})"
    return [f"Dit profiel is gemaakt met {origin}. Deze ids bestaan niet meer in de huidige kennisbank "
            f"(versie {kb.version}): {', '.join(vanished)}. Verwijder ze uit het bestand of vul de vragenlijst "
            "opnieuw in."] + [f"{field}: {message}" for field, message in errors if not message.startswith("onbekende ")]


def _as_given(dumped: dict, given: dict) -> dict:
    """The validated profile with only the keys the file gave (so that no default answers a question)."""
    return {key: _as_given(value, given[key]) if isinstance(value, dict) and isinstance(given[key], dict) else value
            for key, value in dumped.items() if key in given}

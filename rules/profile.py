"""A municipality's profile (its answers), validated in full before anything is computed.

Errors are Dutch and name the field, e.g. `doelgroepen[1]: onbekende doelgroep 'pubers'`."""

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from rules.model import KnowledgeBase
from rules.text import text_problem

MAX_TEXT = 2000


def _storable(value: str) -> str:
    problem = text_problem(value)
    if problem:
        raise ValueError(problem)
    return value


FreeText = Annotated[str, AfterValidator(_storable)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, strict=True)


class Context(_Strict):
    inwoners: Literal["klein", "middel", "groot"] | None = None
    fase: Literal["start", "in-ontwikkeling", "gevestigd"] | None = None
    verschijningsvormen: list[str] = []
    online: bool = False
    aanleiding: FreeText = Field(default="", max_length=MAX_TEXT)
    capaciteit: Literal["beperkt", "gemiddeld", "ruim"] | None = None
    huidige_interventies: list[str] = []
    # optional: what the municipality has available, for the Financiën section of the B&W advice
    budget_euro: int | None = Field(default=None, ge=0)
    budget_fte: float | None = Field(default=None, ge=0)


class FactorChoice(_Strict):
    id: str
    prioriteit: Literal["hoog", "normaal"] = "normaal"


class Preferences(_Strict):
    min_trede: int | None = Field(default=None, ge=0, le=5)
    alleen_aangeboden: bool = False
    # None: the package size follows from the capacity (rules.facts.package_size)
    max_interventies: int | None = Field(default=None, ge=1, le=25)
    indirect_meenemen: bool = True
    aanpak: Literal["persoonsgericht", "collectief", "beide"] = "beide"


class Profile(_Strict):
    gemeente: FreeText = Field(min_length=1, max_length=120)
    context: Context = Context()
    doelgroepen: list[str] = []
    settings: list[str] = []
    risico_indicaties: list[str] = []
    factoren: list[FactorChoice] = []
    voorkeuren: Preferences = Preferences()

    @property
    def chosen_factor_ids(self) -> list[str]:
        return [f.id for f in self.factoren]

    @property
    def high_priority_ids(self) -> set[str]:
        return {f.id for f in self.factoren if f.prioriteit == "hoog"}


class ProfileInvalid(ValueError):
    """Every problem with a profile, as (field, Dutch message) pairs."""

    def __init__(self, errors: list[tuple[str, str]]):
        self.errors = errors
        super().__init__("; ".join(f"{field}: {message}" for field, message in errors))


_MESSAGES = {
    "missing": "is verplicht",
    "extra_forbidden": "is geen bekend veld",
    "string_type": "moet tekst zijn",
    "string_too_short": "mag niet leeg zijn",
    "string_too_long": "is te lang (maximaal {max_length} tekens)",
    "int_type": "moet een geheel getal zijn",
    "float_type": "moet een getal zijn",
    "bool_type": "moet true of false zijn",
    "list_type": "moet een lijst zijn",
    "model_type": "moet een object zijn",
    "literal_error": "moet een van {expected} zijn",
    "greater_than_equal": "moet minstens {ge} zijn",
    "less_than_equal": "mag hoogstens {le} zijn",
    "value_error": "{error}",
}


def _field_name(loc: tuple) -> str:
    name = ""
    for part in loc:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return name or "profiel"


def parse_profile(data: object, kb: KnowledgeBase) -> Profile:
    """Validate `data` (parsed JSON) against the contract and the knowledge base.

    :raise ProfileInvalid: with one Dutch message per wrong field; nothing is computed then."""
    try:
        profile = Profile.model_validate(data)
    except ValidationError as exc:
        errors = []
        for e in exc.errors():
            template = _MESSAGES.get(e["type"], e["msg"])
            ctx = dict(e.get("ctx") or {})
            if "expected" in ctx:  # pydantic lists the choices in English: "'a', 'b' or 'c'"
                ctx["expected"] = ctx["expected"].replace("' or '", "' of '")
            errors.append((_field_name(e["loc"]), template.format(**ctx)))
        # unknown ids are reported in the same pass, so the user can mend everything at once
        reported = {field for field, _ in errors}
        errors += [e for e in _unknown_ids(Profile.model_construct(**_id_lists(data)), kb) if e[0] not in reported]
        raise ProfileInvalid(errors) from None
    errors = _unknown_ids(profile, kb)
    if errors:
        raise ProfileInvalid(errors)
    return profile


def _id_lists(data: object) -> dict:
    """The id lists of a profile that failed validation, where they are well-formed enough to check."""
    def strings(value):
        return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []
    data = data if isinstance(data, dict) else {}
    context = data.get("context") if isinstance(data.get("context"), dict) else {}
    factors = [f for f in data.get("factoren", []) if isinstance(f, dict) and isinstance(f.get("id"), str)] \
        if isinstance(data.get("factoren"), list) else []
    return {
        "context": Context.model_construct(verschijningsvormen=strings(context.get("verschijningsvormen")),
                                           huidige_interventies=strings(context.get("huidige_interventies"))),
        "doelgroepen": strings(data.get("doelgroepen")), "settings": strings(data.get("settings")),
        "risico_indicaties": strings(data.get("risico_indicaties")),
        "factoren": [FactorChoice.model_construct(id=f["id"], prioriteit="normaal") for f in factors],
    }


def _unknown_ids(profile: Profile, kb: KnowledgeBase) -> list[tuple[str, str]]:
    checks = [
        ("context.verschijningsvormen", profile.context.verschijningsvormen,
         kb.vocabulary_ids("verschijningsvormen"), "verschijningsvorm"),
        ("context.huidige_interventies", profile.context.huidige_interventies, set(kb.interventions), "interventie"),
        ("doelgroepen", profile.doelgroepen, kb.vocabulary_ids("doelgroepen"), "doelgroep"),
        ("settings", profile.settings, kb.vocabulary_ids("settings"), "setting"),
        ("risico_indicaties", profile.risico_indicaties, set(kb.risk_factors), "risicofactor"),
        ("factoren", profile.chosen_factor_ids, set(kb.factors), "beschermende factor"),
    ]
    errors = []
    for field, values, known, what in checks:
        seen = set()
        for i, value in enumerate(values):
            where = f"{field}[{i}]" + (".id" if field == "factoren" else "")
            if value not in known:
                errors.append((where, f"onbekende {what} {value!r}"))
            elif value in seen:
                errors.append((where, f"{what} {value!r} staat er dubbel in"))
            seen.add(value)
    return errors

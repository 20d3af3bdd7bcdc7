"""The catalogue's filters as data, and pure functions over the knowledge base that apply them
and count, for every option, how long the list would be with that option chosen.

Within one filter the chosen options are alternatives (jongeren *or* ouders); different filters
all apply (and). Only the text search needs the database; its result comes in as `hits`."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from rules.model import Intervention, KnowledgeBase
from rules.slug import slugify
from rules.text import BIDI_CONTROLS
from wizard.catalogue.search import search_terms

MAX_QUERY_LENGTH = 200
LEVELS = range(6)


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    explanation: str = ""
    group: str = ""  # <optgroup> of a select


@dataclass(frozen=True)
class Filter:
    name: str    # the query parameter
    label: str
    widget: str  # checkbox: any of the chosen options; radio or select: one option
    options: Callable[[KnowledgeBase], tuple[Option, ...]]
    matches: Callable[[KnowledgeBase, Intervention, str], bool]
    explanation: str = ""
    any_label: str = "Maakt niet uit"

    @property
    def multiple(self) -> bool:
        return self.widget == "checkbox"


def _yes_no(value: bool | None) -> str:
    return "onbekend" if value is None else "ja" if value else "nee"


def bouwstenen_of(kb: KnowledgeBase, i: Intervention) -> set[int]:
    """The bouwstenen whose factors an intervention strengthens; without a linked factor the
    bouwsteen of its type. System interventions (type 9) also count for the indirect bouwsteen 6."""
    numbers = {kb.factors[f].bouwsteen for f in i.factor_ids if f in kb.factors}
    if not numbers:
        numbers.add(kb.bouwsteen_of(i))
    if kb.is_indirect(i):
        numbers.add(6)
    return numbers


def has_type(kb: KnowledgeBase, i: Intervention, number: str) -> bool:
    """Of this type, or of one of its subtypes."""
    return any(t == number or (t in kb.types and kb.types[t].parent == number) for t in i.types)


def _vocabulary(name: str) -> Callable[[KnowledgeBase], tuple[Option, ...]]:
    return lambda kb: tuple(Option(t.id, t.label, t.explanation) for t in kb.vocabularies.get(name, ()))


def _fixed(*options: Option) -> Callable[[KnowledgeBase], tuple[Option, ...]]:
    return lambda kb: options


def _bouwsteen_options(kb):
    return tuple(Option(str(b.number), f"{b.number}. {b.name}") for b in kb.bouwstenen)


def _factor_options(kb):
    names = {b.number: f"{b.number}. {b.name}" for b in kb.bouwstenen}
    return tuple(Option(f.id, f.name, f.explanation or "", names.get(f.bouwsteen, f"Bouwsteen {f.bouwsteen}"))
                 for f in kb.factors.values())


def _type_options(kb):
    return tuple(Option(t.number, t.label) for t in kb.types.values())


def _approach_options(kb):
    explanations = {t.id: t.explanation for t in kb.vocabularies.get("aanpak", ())}
    return tuple(Option(a, kb.label("aanpak", a), explanations.get(a, "")) for a in ("persoonsgericht", "collectief"))


def _level_options(kb):
    names = {level.level: level.name for level in kb.levels}
    return tuple(Option(str(n), f"Trede {n}{' (' + names[n] + ')' if n in names else ''} of hoger") for n in LEVELS)


YES, NO, UNKNOWN = Option("ja", "Ja"), Option("nee", "Nee"), Option("onbekend", "Onbekend")

FILTERS: tuple[Filter, ...] = (
    Filter("bouwsteen", "Bouwsteen", "checkbox", _bouwsteen_options,
           lambda kb, i, v: int(v) in bouwstenen_of(kb, i),
           "Interventies die een beschermende factor van de bouwsteen versterken (zonder gekoppelde "
           "factor: de bouwsteen van hun type)."),
    Filter("factor", "Beschermende factor", "select", _factor_options,
           lambda kb, i, v: v in i.factor_ids,
           "Interventies die het rapport bij deze factor noemt.", any_label="Alle factoren"),
    Filter("type", "Type interventie", "select", _type_options, has_type,
           "Een hoofdtype omvat ook zijn subtypen.", any_label="Alle typen"),
    Filter("doelgroep", "Doelgroep", "checkbox", _vocabulary("doelgroepen"),
           lambda kb, i, v: v in i.target_groups),
    Filter("setting", "Setting", "checkbox", _vocabulary("settings"),
           lambda kb, i, v: v in i.settings),
    Filter("preventieniveau", "Preventieniveau", "checkbox", _vocabulary("preventieniveau"),
           lambda kb, i, v: v in i.prevention_levels),
    Filter("aanpak", "Aanpak", "radio", _approach_options,
           lambda kb, i, v: i.approach in (v, "beide"),
           "Interventies die beide combineren, tellen bij allebei mee."),
    Filter("online", "Gericht op de online wereld", "radio", _fixed(YES, NO),
           lambda kb, i, v: _yes_no(i.online) == v),
    Filter("inzet", "Breed of specifiek inzetbaar", "radio",
           _fixed(Option("breed", "Breed inzetbaar"), Option("specifiek", "Specifiek")),
           lambda kb, i, v: ("breed" if i.broadly_applicable else "specifiek") == v),
    Filter("min_trede", "Minimale trede op de effectladder", "select", _level_options,
           lambda kb, i, v: i.level is not None and i.level >= int(v),
           "Interventies zonder bekende trede vallen weg zodra u een minimum kiest.", any_label="Elke trede, ook onbekend"),
    Filter("aangeboden", "Wordt momenteel aangeboden", "radio", _fixed(YES, NO, UNKNOWN),
           lambda kb, i, v: i.offered == v),
    Filter("expliciet", "Expliciet gericht op preventie van polarisatie of radicalisering", "radio",
           _fixed(YES, NO, UNKNOWN), lambda kb, i, v: _yes_no(i.explicit) == v),
    Filter("via_gemeenten", "Verzameld via gemeenten", "radio", _fixed(YES, NO, UNKNOWN),
           lambda kb, i, v: _yes_no(i.collected_via_municipalities) == v),
)
FILTERS_BY_NAME = {f.name: f for f in FILTERS}

SORTS = {"relevantie": "Relevantie", "trede": "Trede (hoogste eerst)", "naam": "Naam (A-Z)"}


@dataclass(frozen=True)
class CatalogueQuery:
    """What the user asked for, validated against the knowledge base."""
    text: str = ""
    selected: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    sort: str = "naam"
    notices: tuple[str, ...] = ()

    def values(self, name: str) -> tuple[str, ...]:
        return self.selected.get(name, ())

    def args(self, without: tuple[str, str] | None = None) -> list[tuple[str, str]]:
        """The query parameters that reproduce this query, in a stable order (for shareable
        URLs); `without` leaves out one (filter or 'q', value)."""
        text = "" if without == ("q", self.text) else self.text
        pairs = [("q", text)] if text else []
        for f in FILTERS:
            pairs += [(f.name, v) for v in self.values(f.name) if (f.name, v) != without]
        if self.sort != default_sort(self.text):
            pairs.append(("sort", self.sort))
        return pairs


def default_sort(text: str) -> str:
    return "relevantie" if text else "naam"


def _without_bidi_controls(value: str) -> str:
    """`value` without the invisible characters that turn the reading direction (rules.text):
    no name in the catalogue has one, so a search without them finds the same, and the page
    that echoes the term ('… gevonden voor ‘…’', the notices) is not turned around by them."""
    return "".join(char for char in value if char not in BIDI_CONTROLS)


def parse_query(args, kb: KnowledgeBase) -> CatalogueQuery:
    """Read the query parameters (a werkzeug MultiDict or anything with get/getlist). Values
    that name nothing in the knowledge base are left out, each with a Dutch notice; unknown
    parameters are ignored."""
    notices = []
    text = " ".join(_without_bidi_controls(args.get("q", "")).split())
    if len(text) > MAX_QUERY_LENGTH:
        text = text[:MAX_QUERY_LENGTH]
        notices.append(f"De zoekterm is ingekort tot {MAX_QUERY_LENGTH} tekens.")
    if text and not search_terms(text):
        notices.append(f"De zoekterm '{text}' bevat geen woorden en is genegeerd.")
        text = ""
    selected, index = {}, option_index(kb)
    for f in index.filters:
        allowed = index.options[f.name]
        cleaned = (_without_bidi_controls(v).strip() for v in args.getlist(f.name))
        given = list(dict.fromkeys(v for v in cleaned if v))
        for value in given:
            if value not in allowed:
                notices.append(_invalid_value(f, value))
        valid = [v for v in given if v in allowed]
        if not f.multiple and len(valid) > 1:
            notices.append(f"{f.label}: kies één waarde; alleen '{allowed[valid[0]].label}' is gebruikt "
                           f"(parameter {f.name}).")
            valid = valid[:1]
        if valid:
            order = list(allowed)
            selected[f.name] = tuple(sorted(valid, key=order.index))
    sort = args.get("sort", "").strip() or default_sort(text)
    if sort not in SORTS:
        notices.append(f"Onbekende sortering '{sort}' (parameter sort): gesorteerd op "
                       f"{SORTS[default_sort(text)].lower()}. Kies uit: {', '.join(SORTS)}.")
        sort = default_sort(text)
    return CatalogueQuery(text=text, selected=selected, sort=sort, notices=tuple(notices))


def _invalid_value(f: Filter, value: str) -> str:
    if f.name == "min_trede":
        return f"Minimale trede '{value}' bestaat niet (parameter min_trede): kies 0 tot en met 5. Dit filter is genegeerd."
    return f"{f.label}: '{value}' bestaat niet in de kennisbank en is genegeerd (parameter {f.name})."


@dataclass(frozen=True)
class OptionIndex:
    """Per filter, per option: the ids of the interventions it lets through."""
    filters: tuple[Filter, ...]
    options: dict[str, dict[str, Option]]
    ids: dict[str, dict[str, frozenset[str]]]
    name_keys: dict[str, str]  # intervention id -> its name as sorted (accents and signs ignored)


_index_cache: list = [None, None]  # [knowledge base, its index]; rebuilt when another kb comes in


def option_index(kb: KnowledgeBase) -> OptionIndex:
    cached_kb, cached = _index_cache
    if cached_kb is kb:
        return cached
    options = {f.name: {o.value: o for o in f.options(kb)} for f in FILTERS}
    ids = {f.name: {v: frozenset(i.id for i in kb.interventions.values() if f.matches(kb, i, v))
                    for v in options[f.name]} for f in FILTERS}
    index = OptionIndex(FILTERS, options, ids, {i.id: slugify(i.name) for i in kb.interventions.values()})
    _index_cache[:] = [kb, index]
    return index


@dataclass(frozen=True)
class CatalogueResult:
    interventions: tuple[Intervention, ...]
    _base: frozenset[str]
    _allowed: Mapping[str, frozenset[str]]
    _index: OptionIndex

    @cached_property
    def counts(self) -> dict[str, dict[str, int]]:
        """filter name -> option value -> length of the list with that option chosen ('' = filter
        cleared). Computed on first use only: a cached filter panel does not need them."""
        result = frozenset(i.id for i in self.interventions)
        counts = {}
        for f in self._index.filters:
            others = _passing(self._base, self._allowed, ignore=f.name) if f.name in self._allowed else result
            chosen = self._allowed.get(f.name, frozenset()) if f.multiple else frozenset()
            counts[f.name] = {v: len(others & (chosen | ids)) for v, ids in self._index.ids[f.name].items()}
            counts[f.name][""] = len(others)
        return counts


def _passing(base: frozenset[str], allowed: Mapping[str, frozenset[str]], ignore: str | None = None) -> frozenset[str]:
    """The ids in `base` that every chosen filter lets through (but `ignore`)."""
    ids = base
    for name, ok in allowed.items():
        if name != ignore:
            ids = ids & ok
    return ids


def run_query(kb: KnowledgeBase, query: CatalogueQuery, hits: Mapping[str, float] | None) -> CatalogueResult:
    """Apply `query` to the knowledge base. `hits` are the text-search matches with their rank
    (None: no text search, everything matches)."""
    index = option_index(kb)
    base = frozenset(kb.interventions) if hits is None else frozenset(hits).intersection(kb.interventions)
    allowed = {name: frozenset().union(*(index.ids[name][v] for v in values))
               for name, values in query.selected.items()}
    key = _sort_key(query.sort, hits or {}, index.name_keys)
    items = sorted((kb.interventions[i] for i in _passing(base, allowed)), key=key)
    return CatalogueResult(tuple(items), base, allowed, index)


def _sort_key(sort: str, ranks: Mapping[str, float], names: Mapping[str, str]):
    # ties always broken by name, so the list is stable between requests
    if sort == "relevantie":
        return lambda i: (-ranks.get(i.id, 0.0), names[i.id])
    if sort == "trede":
        return lambda i: (1 if i.level is None else -i.level, names[i.id])  # unknown last
    return lambda i: names[i.id]


def active_filters(kb: KnowledgeBase, query: CatalogueQuery) -> list[tuple[Filter, Option]]:
    """The chosen options, in form order, for the 'gekozen filters' line (each removable)."""
    index = option_index(kb)
    return [(f, index.options[f.name][v]) for f in index.filters for v in query.values(f.name)]

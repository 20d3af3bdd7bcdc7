"""The sentences that open the B&W document and the advice page: how large the package is, for which
of the chosen target groups, and how many of the chosen protective factors it strengthens, counted
from what its items cover directly (a chosen factor without a covering item is not counted,
whatever else the advice says of it); and which items serve none of the chosen target groups."""

import re
from dataclasses import dataclass
from string import Formatter

from rules.definitions import PLACEMENTS
from rules.facts import is_system, names
from rules.model import KnowledgeBase


def covered_by_package(current: dict) -> list[str]:
    """The chosen factors that at least one package item covers directly, in the order chosen."""
    covered = {f for item in current["pakket"] for f in item["dekt_factoren"]}
    return [f for f in current["gekozen_factoren"] if f in covered]


def _strength(covered: int, chosen: int) -> tuple[str, str]:
    """What the package strengthens and how, as (object, adverb): one source for the relative and
    the main clause."""
    if covered == 0:
        return (("de gekozen beschermende factor", "niet direct") if chosen == 1
                else ("geen van de gekozen factoren", "direct"))
    if covered == chosen:
        return ({1: "de gekozen beschermende factor", 2: "beide gekozen beschermende factoren"}.get(
            chosen, f"alle {chosen} gekozen beschermende factoren"), "")
    return f"{covered} van de {chosen} gekozen beschermende factoren", ""


def strengthened(covered: int, chosen: int) -> str:
    """How many of the chosen factors are strengthened, as the end of a relative clause:
    '3 van de 4 gekozen beschermende factoren versterkt', 'alle 4 ...', 'geen van ... direct
    versterkt'; '' when no factor was chosen (then there is nothing to count)."""
    if chosen == 0:
        return ""
    thing, how = _strength(covered, chosen)
    return f"{thing}{' ' + how if how else ''} versterkt"


def strengthens(covered: int, chosen: int) -> str:
    """The same as a main clause's verb and object: 'versterkt 3 van de 4 gekozen beschermende
    factoren', 'versterkt geen van de gekozen factoren direct' ('' when no factor was chosen)."""
    if chosen == 0:
        return ""
    thing, how = _strength(covered, chosen)
    return f"versterkt {thing}{' ' + how if how else ''}"


def _head(size: int) -> str:
    return "één interventie" if size == 1 else f"een samenhangend pakket van {size} interventies"


def package_phrase(size: int, covered: int, chosen: int) -> str:
    """'een samenhangend pakket van 3 interventies dat 3 van de 4 gekozen beschermende factoren
    versterkt'; one intervention is no 'pakket van 1 interventie' but 'één interventie die ...'."""
    if size == 0:
        return "een pakket zonder interventies"
    clause = strengthened(covered, chosen)
    if not clause:
        return _head(size)
    return f"{_head(size)} {'die' if size == 1 else 'dat'} {clause}"


def opening(size: int, covered: int, chosen: int, groups: list[str] = ()) -> str:
    """The first sentences of the B&W document. With `groups` (the chosen target groups the
    package's items serve, as the text names them) the package is for them and a sentence of its
    own says what it strengthens, so that no relative clause hangs on the last group's name:
    'Voorgesteld wordt een samenhangend pakket van 5 interventies voor ouders en opvoeders en
    professionals in het onderwijs. Het pakket versterkt 3 van de 4 gekozen beschermende factoren.'"""
    if size == 0 or not groups:
        return f"Voorgesteld wordt {package_phrase(size, covered, chosen)}."
    text = f"Voorgesteld wordt {_head(size)} voor {names(groups)}."
    verb = strengthens(covered, chosen)
    if verb:
        text += f" {'Zij' if size == 1 else 'Het pakket'} {verb}."
    return text


@dataclass(frozen=True)
class Reach:
    """Which chosen target groups the package's items serve: an item serves the groups of its
    `doelgroepen` (the match the rules S-DOELGROEP and S-ANDERE-DOELGROEP make). An indirect
    element (rules.facts.is_system: a network, signalling, a training for professionals) is never
    'outside': it is there for the municipality and its partners, whoever the chosen groups are.
    Labels as the text names them (lower case), items by name."""
    chosen: list[str]
    reached: list[str]          # chosen groups at least one item serves, in the order chosen
    unreached: list[str]        # chosen groups no item serves
    outside: list[str]          # the items that serve none of the chosen groups, indirect elements aside
    outside_groups: list[str]   # the groups those items serve, in order of appearance


def reach(package: list[dict], chosen: list[str], kb: KnowledgeBase) -> Reach:
    """The Reach of the package items (stored advice items) for the chosen target-group ids; an
    item the knowledge base does not know is left out (nothing is known of its groups)."""
    wanted, served, outside, outside_groups = set(chosen), set(), [], []
    for item in package:
        intervention = kb.interventions.get(item["interventie"])
        if intervention is None:
            continue
        own = intervention.target_groups
        served |= wanted & set(own)
        # an indirect element (bouwsteen 6) serves the municipality and its partners by design
        if not wanted & set(own) and not is_system(intervention, kb):
            outside.append(item["naam"])
            outside_groups += [g for g in own if g not in outside_groups]
    label = {g: kb.label("doelgroepen", g).lower() for g in [*chosen, *outside_groups]}
    return Reach(chosen=[label[g] for g in chosen], reached=[label[g] for g in chosen if g in served],
                 unreached=[label[g] for g in chosen if g not in served], outside=outside,
                 outside_groups=[label[g] for g in outside_groups])


def outside_sentence(r: Reach) -> str:
    """'Dreamocracy en Gastles Kinderrechtbank (ProDemos) richten zich niet op de doelgroepen die de
    gemeente koos, maar op kinderen (4-12 jaar) en jongeren (12-18 jaar).' ('' when every item
    serves a chosen group, or no group was chosen)."""
    if not (r.chosen and r.outside):
        return ""
    verb = "richt" if len(r.outside) == 1 else "richten"
    chosen = "de doelgroep die" if len(r.chosen) == 1 else "de doelgroepen die"
    return f"{names(r.outside)} {verb} zich niet op {chosen} de gemeente koos, maar op {names(r.outside_groups)}."


def target_group_caveat(r: Reach) -> str:
    """The kanttekening on target groups: the items outside the chosen groups (outside_sentence) and
    the chosen groups no item serves ('' when neither occurs, or no group was chosen)."""
    if not r.chosen:
        return ""
    parts = [outside_sentence(r)] if r.outside else []
    if r.unreached and r.reached:  # without any reached group, outside_sentence already says it all
        which = "de gekozen doelgroep" if len(r.unreached) == 1 else "de gekozen doelgroepen"
        parts.append(f"Voor {which} {names(r.unreached)} bevat het pakket geen interventie.")
    if not parts:
        return ""
    return " ".join(parts) + " Ga na of het pakket zo past bij de aanleiding."


def appendix_range(count: int) -> str:
    """How the proposed decision refers to the bijlagen 1..count: 'bijlage 1', 'bijlagen 1 en 2',
    'bijlagen 1 tot en met 5' ('' without bijlagen)."""
    if count <= 0:
        return ""
    if count == 1:
        return "bijlage 1"
    if count == 2:
        return "bijlagen 1 en 2"
    return f"bijlagen 1 tot en met {count}"


# The gap sentences that name interventions that fit the factor (in a full package, left out for
# another reason or by the user's preferences, or fitting through their type). Matched on the
# stored gap text, from the rule templates themselves (one source), so that advices stored before
# are read alike.
_NAMING_GAP_RULES = ("LACUNE-VOL", "LACUNE-VOL-GEEN-ALTERNATIEF", "LACUNE-ANDERS", "LACUNE-FILTER",
                     "LACUNE-TYPE-KANDIDATEN", "LACUNE-TYPE-KANDIDATEN-ONDER-MEER", "LACUNE-TYPE-KANDIDAAT")


def _pattern(template: str) -> str:
    return ".+?".join(re.escape(literal) for literal, *_ in Formatter().parse(template))


_NAMING_GAP = re.compile("|".join(_pattern(PLACEMENTS[r].template) for r in _NAMING_GAP_RULES))


def gap_names_candidates(gap_text: str) -> bool:
    """Whether a stored gap text names an intervention that fits its factor (see _NAMING_GAP_RULES)."""
    return _NAMING_GAP.search(gap_text) is not None


def uncovered_sentence(gaps: list[dict]) -> str:
    """The summary's sentence on the chosen factors the package does not cover (stored gaps), after
    'Niet gedekt:'. Local maatwerk is needed only where the gap names nothing that fits; elsewhere
    it points to the gaps: 'voor de gekozen factor mediawijsheid bevat het pakket geen interventie;
    zie de lacunes voor wat daar wel past.' ('' without gaps)."""
    if not gaps:
        return ""
    factors = "de gekozen factor" if len(gaps) == 1 else "de gekozen factoren"
    head = f"voor {factors} {names(g['naam'].lower() for g in gaps)} bevat het pakket geen interventie"
    naming = [gap_names_candidates(g["tekst"]) for g in gaps]  # one regex search per gap
    named = [g["naam"].lower() for g, n in zip(gaps, naming) if n]
    bare = [g["naam"].lower() for g, n in zip(gaps, naming) if not n]
    if not named:
        return f"{head}; daar is lokaal maatwerk nodig."
    if not bare:
        return f"{head}; zie de lacunes voor wat daar wel past."
    return (f"{head}: voor {names(bare)} is lokaal maatwerk nodig, voor {names(named)} staat in de lacunes wat "
            "daar wel past.")

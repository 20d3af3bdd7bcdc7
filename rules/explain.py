"""The advice as plain Dutch text (for `bouwstenenwijzer advies --format tekst`). Formats only:
every sentence was written where its decision was made."""

from rules.advice import Advice, Reason
from rules.facts import score_text
from rules.model import KnowledgeBase


def advice_text(advice: Advice, kb: KnowledgeBase) -> str:
    lines = [f"Advies voor gemeente {advice.municipality}", "=" * 60, ""]
    if advice.first_steps:
        lines.append("Eerste stappen")
        lines += [f"- {s.text} [{s.rule}]" for s in advice.first_steps]
        lines.append("")
    if advice.warnings:
        lines.append("Let op")
        lines += [f"! {w.text} [{w.rule}]" for w in advice.warnings]
        lines.append("")
    if advice.suggested_factors:
        lines.append("Voorgestelde beschermende factoren")
        for s in advice.suggested_factors:
            lines.append(f"- {kb.factors[s.factor].name if s.factor in kb.factors else s.factor}")
            lines += [f"    {r.text} [{r.rule}]" for r in s.reasons]
        lines.append("")
    lines.append("Pakket")
    for item in advice.package:
        trede = ("geen trede bekend" if item.level is None
                 else f"trede {item.level} ({item.level_source or 'bron onbekend'})")
        lines.append(f"{item.rank}. {item.name} — bouwsteen {item.bouwsteen}, {trede}, score {score_text(item.score)}")
        lines += [f"    + {r.text} [{r.rule}{_weight(r)}]" for r in item.reasons]
        lines += [f"    ! {k}" for k in item.caveats]
        for guidance in item.type_guidance:
            lines.append(f"    {guidance.label}")
            lines += [f"      werkzaam: {e}" for e in guidance.working_elements]
            lines += [f"      randvoorwaarde: {p}" for p in guidance.preconditions]
        lines += [f"    indicator: {i}" for i in item.indicators]
    if advice.alternatives:
        lines += ["", "Alternatieven"]
        lines += [f"- {a.name} in plaats van {_name(kb, a.instead_of)}" for a in advice.alternatives]
    if advice.in_use:
        lines += ["", "Al ingezet"] + [f"- {_name(kb, i)}" for i in advice.in_use]
    if advice.gaps:
        lines += ["", "Lacunes"] + [f"- {g.text}" for g in advice.gaps]
    lines += ["", "Pakketregels"]
    lines += [f"[{'x' if r.met else ' '}] {r.title}: {r.text}" for r in advice.package_rules]
    lines += ["", "Dit advies is inspiratie, geen voorschrift: pas het aan de lokale situatie aan."]
    return "\n".join(lines) + "\n"


def _name(kb: KnowledgeBase, iid: str) -> str:
    return kb.interventions[iid].name if iid in kb.interventions else iid


def _weight(reason: Reason) -> str:
    return f", {'+' if reason.weight > 0 else ''}{score_text(reason.weight)}" if reason.weight else ""

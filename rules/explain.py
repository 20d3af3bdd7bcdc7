"""The advice as plain Dutch text (for `bouwstenenwijzer advies --format tekst`). Formats only:
every sentence was written where its decision was made."""

from rules.model import KnowledgeBase


def advice_text(advice: dict, kb: KnowledgeBase) -> str:
    lines = [f"Advies voor gemeente {advice['gemeente']}", "=" * 60, ""]
    if advice["voorgestelde_factoren"]:
        lines.append("Voorgestelde beschermende factoren")
        for s in advice["voorgestelde_factoren"]:
            lines.append(f"- {kb.factors[s['factor']].name}")
            lines += [f"    {r['tekst']} [{r['regel']}]" for r in s["redenen"]]
        lines.append("")
    lines.append("Pakket")
    for item in advice["pakket"]:
        trede = "geen trede bekend" if item["trede"] is None else f"trede {item['trede']} ({item['trede_bron'] or 'bron onbekend'})"
        lines.append(f"{item['rang']}. {item['naam']} — bouwsteen {item['bouwsteen']}, {trede}, score {item['score']}")
        lines += [f"    + {r['tekst']} [{r['regel']}{_weight(r)}]" for r in item["redenen"]]
        lines += [f"    ! {k}" for k in item["kanttekeningen"]]
    if advice["alternatieven"]:
        lines += ["", "Alternatieven"]
        lines += [f"- {a['naam']} in plaats van {kb.interventions[a['in_plaats_van']].name}" for a in advice["alternatieven"]]
    if advice["al_ingezet"]:
        lines += ["", "Al ingezet"] + [f"- {kb.interventions[i].name}" for i in advice["al_ingezet"]]
    if advice["lacunes"]:
        lines += ["", "Lacunes"] + [f"- {g['tekst']}" for g in advice["lacunes"]]
    lines += ["", "Pakketregels"]
    lines += [f"[{'x' if r['voldaan'] else ' '}] {r['titel']}: {r['tekst']}" for r in advice["pakketregels"]]
    lines += ["", "Dit advies is inspiratie, geen voorschrift: pas het aan de lokale situatie aan."]
    return "\n".join(lines) + "\n"


def _weight(reason: dict) -> str:
    return f", {reason['gewicht']:+}" if reason.get("gewicht") else ""

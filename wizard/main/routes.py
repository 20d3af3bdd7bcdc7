"""Home page and the pages that explain the tool."""

from flask import render_template

from rules.definitions import ALL_RULES, KIND_LABELS
from wizard.kb.access import knowledge_base
from wizard.main import bp
from wizard.main.conditions import answer_condition


@bp.get("/")
def home():
    return render_template("main/home.html", kb=knowledge_base())


def rule_groups() -> list[tuple[str, str, list]]:
    return [(kind, label, [r for r in ALL_RULES if r.kind == kind]) for kind, label in KIND_LABELS.items()]


@bp.get("/gezond")
def health():
    """For the load balancer: the app answers and the knowledge base is loaded."""
    kb = knowledge_base()
    return {"status": "ok", "kennisbank": kb.version}


@bp.get("/hoe-komt-het-advies-tot-stand")
def how_advice_works():
    """Every rule of the engine, generated from the rule table itself; a rule that depends on an
    answer names it (wizard/main/conditions.py)."""
    kb = knowledge_base()
    conditions = {rule.id: answer_condition(rule, kb) for rule in ALL_RULES}
    return render_template("main/rules.html", groups=rule_groups(), kb=kb, conditions=conditions)

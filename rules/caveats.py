"""The caveats of one intervention outside an advice (the catalogue), from the same caveat rules
the advice uses: only the rules with a badge label, whose conditions need no profile."""

from rules import engine
from rules.definitions import CAVEAT_RULES
from rules.facts import intervention_fields, intervention_phrases
from rules.model import Intervention

_CATALOGUE_RULES = tuple(r for r in CAVEAT_RULES if r.label)
_CAVEATS = engine.compile_rules("catalogue_caveats", _CATALOGUE_RULES)
# the fields of the advice-only caveats, neutral: no profile, no types looked up
_NEUTRAL = {"guided_type_count": 0, "unguided_type_count": 0, "similar_in_use_count": 0}


def intervention_caveats(i: Intervention) -> list[tuple[str, str]]:
    """(label, sentence) per caveat, in the order of the rule table."""
    fired = {f.rule.id for f in engine.evaluate(_CAVEATS, [{**intervention_fields(i), **_NEUTRAL}])}
    phrases = intervention_phrases(i)
    return [(r.label, r.template.format(**phrases)) for r in _CATALOGUE_RULES if r.id in fired]

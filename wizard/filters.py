"""Template helpers shared by every blueprint."""

import re

from flask import Flask, render_template, request, url_for

from rules.facts import score_text
from wizard.kb.access import knowledge_base
from wizard.questionnaire.per_kb import PerKnowledgeBase

# per vocabulary, the explanation of each term: asked by every choice on a step page
_explanations = PerKnowledgeBase(size=32)


def render_partial_or_page(partial: str, page: str, **context) -> str:
    """htmx requests get only the region they swap; everything else the whole page, including
    htmx's history restore after a cache miss on 'back', which replaces the whole body."""
    wants_partial = request.htmx and not request.htmx.boosted and not request.htmx.history_restore_request
    return render_template(partial if wants_partial else page, **context)


def municipality(name: str, capital: bool = False) -> str:
    """The municipality `name` preceded by the word gemeente once, with a capital when it opens a line."""
    bare = re.sub(r"^\s*gemeente\s+", "", name, flags=re.IGNORECASE).strip()
    return ("Gemeente " if capital else "gemeente ") + bare


def first_capital(text: str) -> str:
    """`text` with a capital first letter and the rest as it was. Jinja's `capitalize` and
    str.capitalize lower-case the rest: 'BOUNCE trainingen verwijderd' became 'Bounce ...', and
    an explanation naming NJi or ESS lost its capitals."""
    return text[:1].upper() + text[1:]


def register(app: Flask) -> None:
    fixed_urls: dict[tuple, str] = {}
    # every template's `capitalize` keeps the case of the rest of the text (see first_capital)
    app.jinja_env.filters["capitalize"] = first_capital

    @app.template_global()
    def fixed_url(endpoint: str, **values) -> str:
        """url_for for a link that is the same on every request (an intervention's catalogue
        page on an advice card): built once per mount point and values."""
        key = (request.script_root, endpoint, *sorted(values.items()))
        found = fixed_urls.get(key)
        if found is None:
            found = fixed_urls[key] = url_for(endpoint, **values)
        return found

    @app.context_processor
    def navigation():
        def has_endpoint(endpoint: str) -> bool:
            return endpoint in app.view_functions

        def explanations_of(vocabulary: str, kb=None) -> dict[str, str]:
            """The explanation of each term of `vocabulary` in knowledge base `kb` (default: the
            newest). A questionnaire passes its own version, whose terms its choices show."""
            kb = kb or knowledge_base()
            return _explanations.get(kb, vocabulary, lambda: {t.id: t.explanation for t in kb.vocabularies.get(vocabulary, ())})
        return {"has_endpoint": has_endpoint, "explanations_of": explanations_of}

    @app.template_filter("rule_sentence")
    def rule_sentence(template: str) -> str:
        """A rule's template with its placeholders shown as '…' (the rules page shows no profile)."""
        return re.sub(r"\{[a-z_]+\}", "…", template)

    @app.template_filter("gemeente")
    def with_gemeente(name: str | None, capital: bool = False) -> str:
        """'gemeente Zeewolde' for the name Zeewolde, also when it was typed as 'Gemeente Zeewolde'
        (else the documents read 'gemeente Gemeente Zeewolde')."""
        return municipality(name or "", capital)

    @app.template_filter("score")
    def score(value: float) -> str:
        """A score as Dutch writes it (rules.facts.score_text, also in the sentences)."""
        return score_text(value)

    @app.template_filter("trede")
    def trede_label(level: int | None) -> str:
        return "geen trede bekend" if level is None else f"trede {level}"

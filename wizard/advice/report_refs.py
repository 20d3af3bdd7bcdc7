"""The B&W document has bijlagen of its own, one interventielogica per intervention ('Bijlage 1.
Dreamocracy', 'Zie bijlage 1.'), while the rules and the knowledge base cite the report's
appendices as 'Bijlage 1' (the effectladder) and 'Bijlage 2' (the intervention types). In the
document every such citation names the report ('Bijlage 2 van het rapport'), so that no reader
looks for the types in the document's own bijlage 2 (ESS review 2, B7). The template writes the
document's own bijlagen itself; this filter is for the text it takes from the rules and the data,
never for what a person typed (notes, reasons)."""

import re

from markupsafe import Markup

from wizard.advice import bp

# 'Bijlage 2' as a citation: not already of the report, and not a table number such as 'Bijlage 3.7'
_CITATION = re.compile(r"\bBijlage (\d+)(?!\.\d)(?! van het rapport)")


def of_the_report(text: str | None) -> str | None:
    """`text` with every 'Bijlage N' that cites the report as 'Bijlage N van het rapport' (None and
    '' as they are; markup stays markup: the words added are plain text)."""
    if not text:
        return text
    cited = _CITATION.sub(r"Bijlage \1 van het rapport", str(text))
    return Markup(cited) if isinstance(text, Markup) else cited


bp.add_app_template_filter(of_the_report, "van_het_rapport")

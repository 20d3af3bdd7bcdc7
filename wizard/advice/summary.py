"""The sentence that opens the B&W document and the advice page: how large the package is and how
many of the chosen protective factors it strengthens, counted from what its items cover directly
(a chosen factor without a covering item is not counted, whatever else the advice says of it)."""

from rules.facts import names


def covered_by_package(current: dict) -> list[str]:
    """The chosen factors that at least one package item covers directly, in the order chosen."""
    covered = {f for item in current["pakket"] for f in item["dekt_factoren"]}
    return [f for f in current["gekozen_factoren"] if f in covered]


def strengthened(covered: int, chosen: int) -> str:
    """How many of the chosen factors are strengthened, as the end of a relative clause:
    '3 van de 4 gekozen beschermende factoren versterkt', 'alle 4 ...', 'geen van ... direct
    versterkt'; '' when no factor was chosen (then there is nothing to count)."""
    if chosen == 0:
        return ""
    if covered == 0:
        return ("de gekozen beschermende factor niet direct versterkt" if chosen == 1
                else "geen van de gekozen factoren direct versterkt")
    if covered == chosen:
        return {1: "de gekozen beschermende factor versterkt",
                2: "beide gekozen beschermende factoren versterkt"}.get(chosen, f"alle {chosen} gekozen beschermende factoren versterkt")
    return f"{covered} van de {chosen} gekozen beschermende factoren versterkt"


def package_phrase(size: int, covered: int, chosen: int, groups: list[str] = ()) -> str:
    """'een samenhangend pakket van 3 interventies voor bewoners en sleutelfiguren, dat 3 van de 4
    gekozen beschermende factoren versterkt'; one intervention is no 'pakket van 1 interventie'
    but 'één interventie ..., die ...'. `groups`: the chosen target groups as the text names them."""
    if size == 0:
        return "een pakket zonder interventies"
    head = "één interventie" if size == 1 else f"een samenhangend pakket van {size} interventies"
    if groups:
        head += f" voor {names(groups)}"
    clause = strengthened(covered, chosen)
    if not clause:
        return head
    return f"{head}{',' if groups else ''} {'die' if size == 1 else 'dat'} {clause}"


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

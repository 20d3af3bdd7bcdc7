"""The result list in pages, so that a page renders a bounded number of cards however many
interventions match. The page number comes from the query parameter `pagina`; a number that
does not exist gives the nearest page that does, with a Dutch notice."""

from collections.abc import Sequence
from dataclasses import dataclass

PAGE_SIZE = 20
PARAMETER = "pagina"


@dataclass(frozen=True)
class Page:
    items: tuple
    number: int      # 1-based
    count: int       # number of pages, at least 1
    total: int       # number of items on all pages together
    notice: str = ""

    @property
    def first(self) -> int:
        """1-based position of the first item shown (0 when there is none)."""
        return (self.number - 1) * PAGE_SIZE + 1 if self.items else 0

    @property
    def last(self) -> int:
        return self.first + len(self.items) - 1 if self.items else 0

    def numbers(self) -> list[int | None]:
        """The page links to offer: first, last and two around the current one; None is a gap."""
        wanted = sorted({1, self.count, *range(max(1, self.number - 2), min(self.count, self.number + 2) + 1)})
        shown: list[int | None] = []
        for n in wanted:
            if shown and n - shown[-1] > 1:
                shown.append(None)
            shown.append(n)
        return shown


def requested_page(args) -> tuple[int, str]:
    """The page number asked for (1 when absent) and a notice when it is not a number."""
    raw = args.get(PARAMETER, "").strip()
    if not raw:
        return 1, ""
    if not raw.isdecimal() or int(raw) < 1 or len(raw) > 6:
        return 1, f"Pagina '{raw[:20]}' bestaat niet (parameter {PARAMETER}): de eerste pagina wordt getoond."
    return int(raw), ""


def page_of(items: Sequence, number: int, notice: str = "") -> Page:
    """Page `number` of `items`; past the end, the last page with a notice."""
    count = max(1, -(-len(items) // PAGE_SIZE))
    if number > count:
        pages = "1 pagina" if count == 1 else f"{count} pagina's"
        notice = f"Pagina {number} bestaat niet: er {'is' if count == 1 else 'zijn'} {pages}. De laatste wordt getoond."
        number = count
    start = (number - 1) * PAGE_SIZE
    return Page(tuple(items[start:start + PAGE_SIZE]), number, count, len(items), notice)

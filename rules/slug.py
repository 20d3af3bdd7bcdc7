"""Identifiers derived from names, so that ids in the data files cannot drift from the names."""

import re
import unicodedata

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def slugify(name: str) -> str:
    """Lowercase, accents folded, every run of other characters to '-'.

    >>> slugify("Positieve, stabiele identiteitsontwikkeling")
    'positieve-stabiele-identiteitsontwikkeling'
    >>> slugify("Saïd & Lody")
    'said-lody'
    """
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return _NON_ALNUM.sub("-", folded.lower()).strip("-")

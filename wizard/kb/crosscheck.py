"""Checks that span files: every link names something that exists, every id is unique; and the
review date of an intervention, which depends on today's date."""

from datetime import date, timedelta

from rules.check import Names, check_rules
from rules.slug import slugify
from wizard.kb.errors import KbError

ALL_TYPES = ["1", "1.1", "1.2", "1.3", "2", "3", "4", "5", "6", "7", "8", "9"]
# herzien_op is the last review since the report (data/FORMAT.md), which appeared in 2025: an
# earlier date is no such review; a later date than today is a typo (2099 for 2026). A day of
# slack: just after midnight in the Netherlands, the server's date may still be yesterday.
REPORT_YEAR = 2025


def review_date_problem(reviewed_on: date | None, today: date | None = None) -> str | None:
    """Why `reviewed_on` cannot be the date an intervention was reviewed, in Dutch, or None."""
    if reviewed_on is None:
        return None
    if reviewed_on.year < REPORT_YEAR:
        return (f"ligt vóór het rapport ({REPORT_YEAR}); vul de datum van de laatste herziening sinds het "
                "rapport in, of laat het veld leeg als de interventie sindsdien niet is herzien")
    if reviewed_on > (today or date.today()) + timedelta(days=1):
        return f"ligt in de toekomst ({reviewed_on:%-d-%-m-%Y}); vul de datum in waarop de interventie is herzien"
    return None


def intervention_name_index(interventions) -> tuple[dict[str, str], list[tuple[str, str, str]]]:
    """Map the slug of every canonical name and alias to its intervention id.

    Returns the index and the clashes (name, first id, second id): one spelling may not name
    two interventions."""
    index, clashes = {}, []
    for iid, record in interventions.items():
        for name in [record.name, *record.aliases]:
            key = slugify(name)
            if index.get(key, iid) != iid:
                clashes.append((name, index[key], iid))
            index[key] = iid
    return index, clashes


def check_links(kb, bouwsteen_sources, intervention_sources, types_src, vocab_src) -> list[KbError]:
    errors: list[KbError] = []
    numbers = sorted(b.nummer for b in kb.bouwstenen)
    if numbers != [1, 2, 3, 4, 5, 6]:
        errors.append(KbError("data/bouwstenen", 1, f"er moeten precies 6 bouwstenen (1 t/m 6) zijn, gevonden: {numbers}"))

    type_numbers = [t.number for t in kb.types]
    for number in ALL_TYPES:
        if number not in type_numbers:
            errors.append(types_src.error(f"interventietype {number} ontbreekt"))
    for i, itype in enumerate(kb.types):
        if itype.parent and itype.parent not in type_numbers:
            errors.append(types_src.error(f"onbekend hoofdtype {itype.parent!r}", i, "hoofdtype"))
        if type_numbers.count(itype.number) > 1:
            errors.append(types_src.error(f"interventietype {itype.number} staat er dubbel in", i, "nummer"))

    _, clashes = intervention_name_index(kb.interventions)
    for name, first, second in clashes:
        errors.append(intervention_sources[second].error(
            f"de naam {name!r} hoort al bij interventie {first!r}", "aliassen"))

    linked: set[str] = set()
    links: dict[str, set[str]] = {}  # intervention -> the factors that list it
    factor_types: dict[str, set[str]] = {}
    factor_ids: dict[str, str] = {}
    for bouwsteen in kb.bouwstenen:
        src = bouwsteen_sources[bouwsteen.nummer]
        for t, theme in enumerate(bouwsteen.themas):
            for f, factor in enumerate(theme.factoren):
                path = ("themas", t, "factoren", f)
                if factor.id in factor_ids:
                    errors.append(src.error(f"dubbel id: factor {factor.id!r} bestaat al in {factor_ids[factor.id]}",
                                            *path, "id"))
                factor_ids[factor.id] = src.file
                factor_types[factor.id] = set(factor.types)
                seen: set[str] = set()
                for n, iid in enumerate(factor.intervention_ids):
                    if iid not in kb.interventions:
                        errors.append(src.error(
                            f"onbekende interventie {iid!r}: geen id in data/interventies", *path, "interventies", n))
                    elif iid in seen:
                        errors.append(src.error(f"interventie {iid!r} staat dubbel bij deze factor",
                                                *path, "interventies", n))
                    seen.add(iid)
                    linked.add(iid)
                    links.setdefault(iid, set()).add(factor.id)

    vocab = kb.vocabularies
    allowed = {"doelgroepen": ("target_groups", {t.id for t in vocab.doelgroepen}),
               "settings": ("settings", {t.id for t in vocab.settings})}
    for iid, record in kb.interventions.items():
        src = intervention_sources[iid]
        for key, (attribute, ids) in allowed.items():
            for n, value in enumerate(getattr(record, attribute)):
                if value not in ids:
                    errors.append(src.error(f"{key}: onbekende term {value!r} (zie data/vocabulaires.yaml)", key, n))
        for n, number in enumerate(record.types):
            if number not in type_numbers:
                errors.append(src.error(f"types: onbekend interventietype {number!r}", "types", n))
        errors += _appendix_link_errors(record, src, links.get(iid, set()), factor_types)
        if problem := review_date_problem(record.reviewed_on):
            errors.append(src.error(f"herzien_op {problem}", "herzien_op"))
        if iid not in linked and not record.types:
            errors.append(src.error("interventie heeft geen factor en geen type: koppel haar aan minstens één", "naam"))

    risk_ids: set[str] = set()
    for block in kb.risks.bouwstenen:
        for factor in block.factoren:
            if factor.id in risk_ids:
                errors.append(KbError("data/risicofactoren.yaml", 1, f"dubbel id: risicofactor {factor.id!r} staat er dubbel in"))
            risk_ids.add(factor.id)

    # the rule table names factors, vocabulary values, types and risk factors by id: renaming one
    # in data/ must not silently break a rule
    known = Names(frozenset(factor_ids), {name: frozenset(t.id for t in getattr(vocab, name))
                                          for name in type(vocab).model_fields},
                  frozenset(type_numbers), frozenset(risk_ids), frozenset(kb.interventions))
    errors += [KbError("rules/definitions.py", 1, message) for message in check_rules(known)]
    return errors


def _appendix_link_errors(record, src, linked_to: set[str], factor_types: dict[str, set[str]]) -> list[KbError]:
    """`koppelingen_uit_bijlage2` marks links the factor files hold (`interventies`): each must be
    one of them, through a type the factor and the intervention share (Bijlage 2 links types to
    factors), so that the advice can say truthfully where the link comes from."""
    key, errors, seen = "koppelingen_uit_bijlage2", [], set()
    for n, fid in enumerate(record.appendix_factor_ids):
        if fid in seen:
            errors.append(src.error(f"{key}: factor {fid!r} staat er dubbel in", key, n))
        elif fid not in linked_to:
            errors.append(src.error(f"{key}: factor {fid!r} noemt deze interventie niet onder 'interventies'", key, n))
        elif factor_types.get(fid, set()).isdisjoint(record.types):
            errors.append(src.error(f"{key}: factor {fid!r} heeft geen type van deze interventie, dus Bijlage 2 "
                                    "koppelt haar type er niet aan", key, n))
        seen.add(fid)
    return errors


def id_lint(kb) -> list[str]:
    """Warnings, not errors: a new record's id is the slug of its name. A renamed record keeps
    its id and carries its old name as an alias, so its id is the slug of one of its names."""
    warnings = []
    records = [("interventie", r) for r in kb.interventions.values()]
    records += [("factor", f) for b in kb.bouwstenen for t in b.themas for f in t.factoren]
    for what, record in records:
        if record.id not in {slugify(n) for n in (record.name, *record.aliases)}:
            warnings.append(f"{what} {record.id!r}: het id is niet afgeleid van de naam of een alias "
                            f"(verwacht voor een nieuwe {what}: {slugify(record.name)!r})")
    return warnings

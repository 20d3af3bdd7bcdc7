"""The real knowledge base (data/*.yaml) checked for integrity and against the report.

R = /work/shared/seeds/rapport-bouwstenenmodel-beschermende-factoren-interventies.txt (plain text
of the PDF). Every expected number and value below was read by hand from R; the line numbers in the
comments point at R. Nothing here is derived from the YAML files themselves, so a count that does
not match means the data and the report disagree (fix the data, or explain in AFWIJKINGEN.md and
the relevant `opmerking`, and then change the test deliberately).

The test reads the YAML files directly and does not touch the web app.
"""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from rules.slug import slugify

DATA_DIR = Path(__file__).resolve().parents[2] / "data"


# --------------------------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------------------------

def _load(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@cache
def bouwstenen() -> dict[int, dict]:
    result = {}
    for path in sorted((DATA_DIR / "bouwstenen").glob("*.yaml")):
        data = _load(path)
        assert data["nummer"] not in result, f"{path.name}: bouwsteen {data['nummer']} twice"
        result[data["nummer"]] = data
    return result


@cache
def factors() -> tuple[tuple[int, str, dict], ...]:
    """(bouwsteen number, theme name, factor dict) for every factor, in file order."""
    return tuple((nummer, thema["naam"], factor)
                 for nummer, b in sorted(bouwstenen().items())
                 for thema in b["themas"]
                 for factor in thema["factoren"])


@cache
def factors_by_id() -> dict[str, tuple[int, dict]]:
    # keyed by the stable id (the slug of the printed name), so a corrected name still finds its row
    return {f.get("id") or slugify(f["naam"]): (nummer, f) for nummer, _, f in factors()}


@cache
def interventions() -> dict[str, dict]:
    """Intervention id (slug of `naam`) -> data, with the file name kept under '_file'."""
    result = {}
    for path in sorted((DATA_DIR / "interventies").glob("*.yaml")):
        data = _load(path)
        data["_file"] = path.name
        result.setdefault(slugify(data["naam"]), []).append(data)
    # duplicates are reported by test_intervention_ids_are_unique; keep the first here
    return {iid: items[0] for iid, items in result.items()}


@cache
def intervention_files() -> tuple[dict, ...]:
    return tuple({**_load(p), "_file": p.name} for p in sorted((DATA_DIR / "interventies").glob("*.yaml")))


@cache
def name_index() -> dict[str, set[str]]:
    """slug of every `naam` and every alias -> the ids of the interventions that carry it."""
    index: dict[str, set[str]] = defaultdict(set)
    for iid, data in interventions().items():
        for name in [data["naam"], *(data.get("aliassen") or [])]:
            index[slugify(name)].add(iid)
    return index


def resolve(name: str) -> str:
    """The id of the intervention a factor file (or the report) means by `name`."""
    ids = name_index().get(slugify(name), set())
    assert len(ids) == 1, f"{name!r} resolves to {sorted(ids) or 'no intervention'}"
    return next(iter(ids))


@cache
def vocabularies() -> dict:
    return _load(DATA_DIR / "vocabulaires.yaml")


@cache
def type_numbers() -> tuple[str, ...]:
    return tuple(str(t["nummer"]) for t in _load(DATA_DIR / "interventietypes.yaml"))


def _fold(text: str) -> str:
    """Case-insensitive, accent-folded, whitespace-normalised form of a name."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())


# --------------------------------------------------------------------------------------------
# 1. Integrity
# --------------------------------------------------------------------------------------------

def test_the_data_directory_is_there():
    assert (DATA_DIR / "bouwstenen").is_dir() and (DATA_DIR / "interventies").is_dir()
    assert bouwstenen() and interventions()


def test_every_factor_link_names_an_existing_intervention_and_factor():
    errors = []
    for nummer, thema, factor in factors():
        if not (factor.get("naam") or "").strip() or not slugify(factor["naam"]):
            errors.append(f"bouwsteen {nummer}, thema {thema!r}: factor without a usable name")
            continue
        for name in factor.get("interventies") or []:
            ids = name_index().get(slugify(name), set())
            if len(ids) != 1:
                errors.append(f"bouwsteen {nummer}, factor {factor['naam']!r}: link {name!r} "
                              f"resolves to {sorted(ids) or 'no intervention'}")
    assert not errors, "\n".join(errors)


def test_a_factor_does_not_link_the_same_intervention_twice():
    errors = []
    for nummer, _, factor in factors():
        ids = [next(iter(name_index()[slugify(n)])) for n in factor.get("interventies") or []
               if len(name_index().get(slugify(n), ())) == 1]
        dupes = [iid for iid, n in Counter(ids).items() if n > 1]
        if dupes:
            errors.append(f"bouwsteen {nummer}, factor {factor['naam']!r}: {dupes} linked more than once")
    assert not errors, "\n".join(errors)


def test_names_and_aliases_resolve_unambiguously():
    ambiguous = {slug: sorted(ids) for slug, ids in name_index().items() if len(ids) > 1}
    assert not ambiguous, f"a name or alias slug belongs to several interventions: {ambiguous}"


def test_every_intervention_has_a_factor_link_or_a_type():
    linked = {next(iter(name_index()[slugify(n)]))
              for _, _, f in factors() for n in f.get("interventies") or []
              if len(name_index().get(slugify(n), ())) == 1}
    orphans = [iid for iid, data in interventions().items() if iid not in linked and not data.get("types")]
    assert not orphans, f"interventions without factor link and without type: {orphans}"


def test_every_trede_is_0_to_5_or_empty_with_a_reason():
    allowed_sources = {"NJi", "Movisie", "NJi, Movisie", "eigen inschatting", None}
    errors = []
    for iid, data in interventions().items():
        trede, bron, reden = data.get("trede"), data.get("trede_bron"), data.get("trede_reden")
        has_reason = isinstance(reden, str) and reden.strip() != ""
        if trede is None:
            if not has_reason:
                errors.append(f"{data['_file']}: trede empty without trede_reden")
            if bron is not None:
                errors.append(f"{data['_file']}: trede empty but trede_bron {bron!r}")
        elif isinstance(trede, bool) or not isinstance(trede, int) or not 0 <= trede <= 5:
            errors.append(f"{data['_file']}: trede {trede!r} is not 0-5")
        if bron not in allowed_sources:
            errors.append(f"{data['_file']}: trede_bron {bron!r} not one of {sorted(map(str, allowed_sources))}")
        if trede is not None and bron is None and not has_reason:
            errors.append(f"{data['_file']}: trede without source and without trede_reden")
    assert not errors, "\n".join(errors)


def _url_problem(url) -> str | None:
    if not isinstance(url, str):
        return "not a string"
    if any(c.isspace() for c in url):
        return "contains whitespace"
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError as exc:
        return f"unparsable ({exc})"
    if parts.scheme not in ("http", "https"):
        return "scheme is not http(s)"
    if not host or "." not in host:
        return "host without a dot"
    return None


def test_every_weblink_is_a_valid_http_url():
    errors = [f"{data['_file']}: {url!r} {problem}"
              for data in interventions().values()
              for url in data.get("weblinks") or []
              if (problem := _url_problem(url))]
    assert not errors, "\n".join(errors)


def test_intervention_ids_are_unique():
    counts = Counter(slugify(d["naam"]) for d in intervention_files())
    assert not [iid for iid, n in counts.items() if n > 1]


def test_intervention_file_names_are_their_ids():
    wrong = [(d["_file"], slugify(d["naam"])) for d in intervention_files()
             if d["_file"] != slugify(d["naam"]) + ".yaml"]
    assert not wrong, f"file name differs from slug of naam: {wrong}"


def test_no_two_interventions_share_a_name():
    counts = Counter(_fold(d["naam"]) for d in intervention_files())
    assert not [name for name, n in counts.items() if n > 1]


def test_no_alias_is_the_name_of_another_intervention():
    by_name = {_fold(d["naam"]): d["naam"] for d in intervention_files()}
    clashes = [(d["naam"], alias) for d in intervention_files() for alias in d.get("aliassen") or []
               if _fold(alias) in by_name and by_name[_fold(alias)] != d["naam"]]
    assert not clashes, f"alias equal to another intervention's name: {clashes}"


@pytest.mark.parametrize("field", ["doelgroepen", "settings", "preventieniveau"])
def test_vocabulary_ids_exist(field):
    known = {term["id"] for term in vocabularies()[field]}
    unknown = [(d["_file"], value) for d in intervention_files() for value in d.get(field) or []
               if value not in known]
    assert not unknown, f"{field} ids not in vocabulaires.yaml: {unknown}"


def test_aanpak_is_a_vocabulary_id():
    known = {term["id"] for term in vocabularies()["aanpak"]}
    assert not [(d["_file"], d.get("aanpak")) for d in intervention_files() if d.get("aanpak") not in known]


def test_every_type_number_used_exists():
    known = set(type_numbers())
    errors = [f"{d['_file']}: type {t!r}" for d in intervention_files() for t in d.get("types") or []
              if str(t) not in known]
    errors += [f"bouwsteen {nummer}, factor {f['naam']!r}: type {t!r}"
               for nummer, _, f in factors() for t in f.get("types") or [] if str(t) not in known]
    assert not errors, "\n".join(errors)


def test_factor_ids_are_unique():
    counts = Counter(slugify(f["naam"]) for _, _, f in factors())
    assert not [fid for fid, n in counts.items() if n > 1]


# --------------------------------------------------------------------------------------------
# 2. Counts read from the report
# --------------------------------------------------------------------------------------------

# Themes per bouwsteen. Bouwsteen 1-5: tables 2.1-2.5 (R 772-1153; the themes are the
# "Thema: ..." headings: 2.1 R 774/826/873, 2.2 R 904/929, 2.3 R 952/966, 2.4 R 979/1008/1027,
# 2.5 R 1047/1096/1111/1144); tables B3.1-B3.5 (R 4158-4878) have the same themes.
# Bouwsteen 6: table B3.6 (R 4879-5018): "Thema ..." at R 4881, 4920, 4956, 4978.
THEMES_PER_BOUWSTEEN = {1: 3, 2: 2, 3: 2, 4: 3, 5: 4, 6: 4}

# Protective-factor clusters (bold headline factors) per bouwsteen.
# 2.1 (R 772-901): 5 + 5 + 3; 2.2 (R 902-948): 2 + 2; 2.3 (R 950-975): 2 + 1;
# 2.4 (R 977-1043): 4 + 3 + 2; 2.5 (R 1045-1153): 6 + 2 + 3 + 1;
# B3.6 (R 4879-5018): 1 + 4 + 1 + 3 indirect factors.
FACTORS_PER_BOUWSTEEN = {1: 13, 2: 4, 3: 3, 4: 9, 5: 12, 6: 9}

# Example-intervention rows per table (an intervention under two factors counts twice).
# B3.1 R 4158-4428, B3.2 R 4429-4508, B3.3 R 4509-4576, B3.4 R 4577-4684, B3.5 R 4685-4878,
# B3.6 R 4879-5018. Per factor: see LINKS_PER_FACTOR below.
LINKS_PER_BOUWSTEEN = {1: 52, 2: 14, 3: 15, 4: 20, 5: 24, 6: 26}

# Example-intervention rows per factor, factor named by its headline in tables 2.x / B3.6.
LINKS_PER_FACTOR = {
    # B3.1 (R 4158-4428)
    "Positieve, stabiele identiteitsontwikkeling": 14,          # R 4185-4206
    "Zelfbeheersing": 2,                                        # R 4214-4216
    "Zelfontplooiing": 4,                                       # R 4225-4231
    "Ideologische weerbaarheid": 9,                             # R 4253-4270
    "Waardenontwikkeling en -versterking": 1,                   # R 4282
    "Kritisch en complex denkvermogen": 3,                      # R 4306-4310
    "Gezonde mentale gezondheid": 2,                            # R 4317-4319
    "Multi-perspectiviteit": 3,                                 # R 4331-4335
    "Kennis": 1,                                                # R 4354
    "Anticipatie op tegenslagen/nadelige consequenties": 3,     # R 4365-4369
    "Gezonde emotieregulatie": 6,                               # R 4396-4406
    "Sociale vaardigheden en pro-sociaal gedrag": 4,            # R 4417-4424
    "Algeheel vertrouwen": 0,                                   # R 4426-4428 (no rows)
    # B3.2 (R 4429-4508)
    "Goede band met familie/opvoedondersteuners": 3,            # R 4451-4455
    "Stabiele thuissituatie": 1,                                # R 4462
    "Positieve opvoedstijl": 9,                                 # R 4489-4502
    "Steun van belangrijke volwassenen": 1,                     # R 4508
    # B3.3 (R 4509-4576)
    "Goede en positieve band met school/werk": 5,               # R 4529-4536
    "Goede prestaties op school/werk": 2,                       # R 4539-4540
    "Constructieve dagbesteding of vrijetijdsbesteding": 8,     # R 4565-4576
    # B3.4 (R 4577-4684)
    "Stabiele, positieve en ondersteunende relaties met peers en gemeenschap": 1,  # R 4600
    "Diversiteit in het sociaal netwerk": 1,                    # R 4603
    "Prosociale normen en sociale veiligheid": 1,               # R 4605
    "Sociaal vertrouwen": 0,                                    # R 4607 (no rows)
    "Versterken van ondersteunende netwerken": 4,               # R 4629-4633
    "Weerbaarheid tegen groepsdruk": 1,                         # R 4639
    "Positieve rolmodellen": 1,                                 # R 4642
    "Mediawijsheid": 10,                                        # R 4667-4677
    "Weerbaarheid tegen online groepsdruk": 1,                  # R 4684
    # B3.5 (R 4685-4878)
    "Binding met de conventionele samenleving": 3,              # R 4712-4719
    "Positief contact tussen diverse groepen": 2,               # R 4729-4732
    "Participatie in/betrokkenheid bij gemeenschapsprojecten": 2,  # R 4737-4739
    "Group efficacy": 1,                                        # R 4744
    "Gemeenschappelijke identiteiten benadrukken": 2,           # R 4752-4753
    "Gemeenschappelijke betrokkenheid en netwerkopbouw in de buurt": 2,  # R 4761-4765
    "Participatie in besluitvorming en politieke inspraak": 1,  # R 4790-4791
    "Politieke tevredenheid": 2,                                # R 4794-4797
    "Democratische vorming en burgerschapscompetenties": 5,     # R 4826-4835
    "Vertrouwen in democratische instituties en rechtsstaat": 1,  # R 4841
    "Erkennen van rechtmatigheid van het recht en de wet": 2,   # R 4851-4853
    "Gevoel van basiszekerheid": 1,                             # R 4877-4878
    # B3.6 (R 4879-5018)
    "Trainingen voor professionals in herkennen, duiden en omgaan met signalen van "
    "polarisatie en radicalisering": 14,                        # R 4898-4918
    "Netwerken van verschillende professionals, voor samenwerking aan sociale samenhang, "
    "preventie polarisatie en radicalisering": 1,               # R 4941
    "Lokaal netwerk van gemeente en maatschappelijke organisaties die samenwerken bij "
    "preventie en signalering van radicalisering": 1,           # R 4947 (R prints 'maatsdchappelijke')
    "Platforms waarop burgers en instanties in een wijk samenwerken": 1,  # R 4951
    "Programma of model voor gezamenlijke aanpak preventie van radicalisering": 1,  # R 4955
    "Casuïstiek overleggen tussen wijkprofessionals over gezinnen met verhoogd risico": 1,  # R 4974 ('Casuïsitiek')
    "Training en netwerkvorming voor signalering voor professionals, organisaties": 3,  # R 4998-5005
    "Training, signalering en netwerkvorming binnen gemeenschap": 2,  # R 5010-5012 (one row
    #   'Werving sleutelfiguren/Sleutelfigurenaanpak (Gemeente Amsterdam)' = one row)
    "Meldpunt voor professionals": 2,                           # R 5015-5018
}

# Entries of table B3.7 (R 5019-11007; after R 11007 only the PDF's link list follows).
# 120 entries from '#DatMeenJeNiet' (R 5049) to 'ZAT, Zorg- en Adviesteam' (R 10965). Most
# start with ' Name'; 7 start with two spaces (DIAMANT R 6149, FreeLee R 6543, Preventief
# programma R 8322, Tegengeluid R 9236, TERRA R 9365, Count me in R 9496, Training eerstelijns
# R 9689) and 13 with no space (Familieondersteuning R 6418, Fort van de democratie R 6504,
# Gezinsondersteuning Al Amal R 6676, Girls on the Run R 6710, Hulplijn Radicalisering R 6963,
# Meldpunt Assadaaka R 7539, Newsroom R 7664, Broedersport R 8343, Radicaal Ideaal R 8420,
# Sleutelfigurenaanpak R 8874, Opvoeddebatten R 9801, Versterken weerbaarheid Koerdisch R 10115,
# Weerbaar opvoeden (diverse aanpakken) R 10463). Repeated column headers are not counted.
B37_ENTRIES = 120

# Bijlage 2, Tabel 1 (R 2010-2061): types 1-9 plus subtypes 1.1, 1.2, 1.3.
TYPE_NUMBERS = {"1", "1.1", "1.2", "1.3", "2", "3", "4", "5", "6", "7", "8", "9"}

# Bijlage 1 (R 1848-1875): treden 0, 1, 2, 3 and '4 en 5'.
TREDEN = {0, 1, 2, 3, 4, 5}

# Section 2.2, 'Lijst met geïdentificeerde risicofactoren per bouwensteen' (R 594-638);
# items separated by ';'. B1 R 595-610, B2 R 612-616, B3 R 618, B4 R 619-627, B5 R 628-636,
# B6 R 638 ('niet van toepassing').
RISK_FACTORS_PER_BOUWSTEEN = {1: 20, 2: 6, 3: 3, 4: 12, 5: 17, 6: 0}


def test_the_six_bouwstenen_are_there():
    assert sorted(bouwstenen()) == [1, 2, 3, 4, 5, 6]


@pytest.mark.parametrize("nummer,expected", sorted(THEMES_PER_BOUWSTEEN.items()))
def test_themes_per_bouwsteen(nummer, expected):
    assert len(bouwstenen()[nummer]["themas"]) == expected


@pytest.mark.parametrize("nummer,expected", sorted(FACTORS_PER_BOUWSTEEN.items()))
def test_factors_per_bouwsteen(nummer, expected):
    assert sum(len(t["factoren"]) for t in bouwstenen()[nummer]["themas"]) == expected


# Rows that name two separate B3.7 entries and so give two links (data/AFWIJKINGEN.md):
# B3.6 R 5011 'Werving sleutelfiguren/Sleutelfigurenaanpak (Gemeente Amsterdam)' is both
# 'Werving van sleutelfiguren (Gemeente Amsterdam)' (R 10565) and 'Sleutelfigurenaanpak' (R 8874).
ROWS_NAMING_TWO = {"Training, signalering en netwerkvorming binnen gemeenschap": 1}
# Type-3 examples of Bijlage 2 linked to the family factors it names (data/AFWIJKINGEN.md 5.11)
LINKS_FROM_BIJLAGE2 = {"Goede band met familie/opvoedondersteuners": 5, "Stabiele thuissituatie": 3,
                       "Positieve opvoedstijl": 3}
EXTRA_LINKS_PER_BOUWSTEEN = {6: 1, 2: sum(LINKS_FROM_BIJLAGE2.values())}


@pytest.mark.parametrize("nummer,expected", sorted(LINKS_PER_BOUWSTEEN.items()))
def test_links_per_bouwsteen(nummer, expected):
    links = sum(len(f.get("interventies") or []) for t in bouwstenen()[nummer]["themas"] for f in t["factoren"])
    assert links == expected + EXTRA_LINKS_PER_BOUWSTEEN.get(nummer, 0)


def test_links_per_factor_add_up_to_links_per_bouwsteen():
    # consistency of the constants above (both read from R)
    per_bouwsteen = Counter()
    for name, n in LINKS_PER_FACTOR.items():
        per_bouwsteen[factors_by_id()[slugify(name)][0]] += n
    assert dict(per_bouwsteen) == LINKS_PER_BOUWSTEEN
    assert len(LINKS_PER_FACTOR) == sum(FACTORS_PER_BOUWSTEEN.values())


@pytest.mark.parametrize("factor,expected", LINKS_PER_FACTOR.items(), ids=[slugify(n)[:40] for n in LINKS_PER_FACTOR])
def test_links_per_factor(factor, expected):
    assert slugify(factor) in factors_by_id(), f"no factor {factor!r}"
    _, data = factors_by_id()[slugify(factor)]
    extra = ROWS_NAMING_TWO.get(factor, 0) + LINKS_FROM_BIJLAGE2.get(factor, 0)
    assert len(data.get("interventies") or []) == expected + extra, data.get("interventies")


def test_every_link_from_bijlage2_is_marked_at_its_intervention():
    # what the factor lists beyond its B3.x rows is marked, so the advice can say where it comes from
    marked = Counter(fid for i in intervention_files() for fid in i.get("koppelingen_uit_bijlage2") or [])
    assert marked == Counter({slugify(name): n for name, n in LINKS_FROM_BIJLAGE2.items()})
    for i in intervention_files():
        for fid in i.get("koppelingen_uit_bijlage2") or []:
            assert i["id"] in factors_by_id()[fid][1]["interventies"] and i["types"] == ["3"], i["id"]


def test_number_of_interventions_is_the_number_of_b37_entries():
    assert len(intervention_files()) == B37_ENTRIES


def test_intervention_types():
    assert len(type_numbers()) == len(TYPE_NUMBERS) == 12
    assert set(type_numbers()) == TYPE_NUMBERS


def test_effectladder_treden():
    treden = [t["trede"] for t in _load(DATA_DIR / "effectladder.yaml")["treden"]]
    assert len(treden) == len(TREDEN) == 6
    assert set(treden) == TREDEN


@pytest.mark.parametrize("nummer,expected", sorted(RISK_FACTORS_PER_BOUWSTEEN.items()))
def test_risk_factors_per_bouwsteen(nummer, expected):
    per_bouwsteen = {b["bouwsteen"]: len(b.get("factoren") or [])
                     for b in _load(DATA_DIR / "risicofactoren.yaml")["bouwstenen"]}
    assert per_bouwsteen.get(nummer, 0) == expected


# --------------------------------------------------------------------------------------------
# 3. Fidelity spot checks
# --------------------------------------------------------------------------------------------

# (name as printed in B3.7, trede, trede_bron, aangeboden, expliciet), read from table B3.7.
# aangeboden = column 'Op dit moment aangeboden?', expliciet = column 'Expl. verwijzing ...'.
INTERVENTION_SPOT_CHECKS = [
    # R 5049-5075: Ja / nee / 'Trede 3: doeltreffend (eigen inschatting)'
    ("#DatMeenJeNiet", 3, "eigen inschatting", "ja", False),
    # R 5091, 5114, 5116-5119: Ja / ja / Trede 3 (eigen inschatting)
    ("2DO School", 3, "eigen inschatting", "ja", True),
    # R 5175-5206: ja / ja / 'Trede 3: doeltreffend' without a source
    ("2gather", 3, None, "ja", True),
    # R 5324-5363: Ja / nee / Trede 3 (NJi)
    ("Alleen jij bepaalt", 3, "NJi", "ja", False),
    # R 5408, 5436-5437: Ja / nee / Trede 2 (NJi)
    ("Amigo’s", 2, "NJi", "ja", False),
    # R 5755-5793: Onbekend / Ja / no level
    ("Bubble Games", None, None, "onbekend", True),
    # R 5901-5945: Onbekend / nee / Trede 2 (NJi)
    ("Coach je kind", 2, "NJi", "onbekend", False),
    # R 6058-6103: Ja / nee / Trede 1 (Movisie)
    ("De Life Goals Aanpak", 1, "Movisie", "ja", False),
    # R 6149-6218: Onbekend / ja / Trede 2 (Movisie, NJI)
    ("DIAMANT", 2, "NJi, Movisie", "onbekend", True),
    # R 6377-6397: Nee / ja / no level
    ("Er zal een stilte vallen.....", None, None, "nee", True),
    # R 6504-6536: Nee / nee / Trede 3 (eigen inschatting)
    ("Fort van de democratie", 3, "eigen inschatting", "nee", False),
    # R 6577-6624: Ja / nee / Trede 2 (Movisie, NJi)
    ("Futsal Chabbab", 2, "NJi, Movisie", "ja", False),
    # R 6710-6732: Nee / nee / Trede 4: plausibel (eigen inschatting)
    ("Girls on the Run", 4, "eigen inschatting", "nee", False),
    # R 6798-6857: Ja / nee / Trede 1 (Movisie)
    ("GrowCare", 1, "Movisie", "ja", False),
    # R 6963-7004: Nee / ja / no level
    ("Hulplijn Radicalisering", None, None, "nee", True),
    # R 7403-7432: Nee / ja / Trede 2 (eigen inschatting)
    ("Lotgenotenondersteuning", 2, "eigen inschatting", "nee", True),
    # R 7539-7571: Nee / ja / no level
    ("Meldpunt De-radicalisering Assadaaka", None, None, "nee", True),
    # R 7664-7701: Nee / nee / no level
    ("Newsroom", None, None, "nee", False),
    # R 8237-8279: Ja / nee / Trede 2 (NJi)
    ("PBS in de wijk", 2, "NJi", "ja", False),
    # R 8579-8622: Nee / ja / Trede 2 (eigen inschatting)
    ("Reageren op discriminatie", 2, "eigen inschatting", "nee", True),
    # R 8945-8988: Ja / nee / Trede 3 (NJi)
    ("Sociale Vaardigheden op Maat", 3, "NJi", "ja", False),
    # R 9532-9565: Onbekend / nee / Trede 2 (eigen inschatting)
    ("This is me!", 2, "eigen inschatting", "onbekend", False),
    # R 9617-9665: Ja / ja / Trede 1 (eigen inschatting)
    ("Training Dialoog onder druk", 1, "eigen inschatting", "ja", True),
    # R 9901-9944: Ja / ja / Trede 3 (eigen inschatting)
    ("Under Pressure", 3, "eigen inschatting", "ja", True),
    # R 10021-10056: ja / ja / 'niet geëvalueerd'
    ("Verbindend Omgaan Met Ongenoegen", None, None, "ja", True),
    # R 10339-10386: Ja / nee / Trede 3 (NJi)
    ("Vreedzame School", 3, "NJi", "ja", False),
    # R 10651-10693: Ja / nee / Trede 2 (Movisie)
    ("Wijkacademie Opvoeden", 2, "Movisie", "ja", False),
    # R 10859-10888: Ja / nee / Trede 1 (eigen inschatting)
    ("Youth Cyber Team", 1, "eigen inschatting", "ja", False),
    # R 10900-10950: Ja / nee / Trede 2 (NJi)
    ("Youth Empowerment Through Sports (YETS)", 2, "NJi", "ja", False),
    # R 10965-10990: onbekend / nee / no level
    ("ZAT, Zorg- en Adviesteam", None, None, "onbekend", False),
]


@pytest.mark.parametrize("name,trede,bron,aangeboden,expliciet", INTERVENTION_SPOT_CHECKS,
                         ids=[slugify(c[0]) for c in INTERVENTION_SPOT_CHECKS])
def test_intervention_matches_b37(name, trede, bron, aangeboden, expliciet):
    data = interventions()[resolve(name)]
    assert (data.get("trede"), data.get("trede_bron"), data.get("aangeboden"), data.get("expliciet")) == \
        (trede, bron, aangeboden, expliciet)


# (bouwsteen, factor headline, intervention as printed in B3.x)
LINK_SPOT_CHECKS = [
    (1, "Positieve, stabiele identiteitsontwikkeling", "Identity Project"),            # R 4206
    (1, "Zelfbeheersing", "Het Madonna Project"),                                       # R 4216
    (1, "Gezonde mentale gezondheid", "FreeLee (app)"),                                 # R 4317
    (1, "Kennis", "TerInfo"),                                                           # R 4354
    (1, "Anticipatie op tegenslagen/nadelige consequenties", "#DatMeenJeNiet"),         # R 4369
    (2, "Stabiele thuissituatie", "JIM-aanpak (Jouw Ingebrachte Mentor)"),              # R 4462
    (2, "Positieve opvoedstijl", "Coach je kind"),                                      # R 4499
    (2, "Steun van belangrijke volwassenen", "OMEI-Training"),                          # R 4508
    (3, "Goede prestaties op school/werk", "School’s cool"),                            # R 4539
    (3, "Constructieve dagbesteding of vrijetijdsbesteding", "Jobcoach (gemeente Utrecht)"),  # R 4574
    (4, "Weerbaarheid tegen groepsdruk", "Smaakstation"),                               # R 4639
    (4, "Mediawijsheid", "HackShield"),                                                 # R 4674
    (5, "Group efficacy", "Growcare"),                                                  # R 4744
    (5, "Politieke tevredenheid", "Dilemmalogica"),                                     # R 4794
    (5, "Erkennen van rechtmatigheid van het recht en de wet", "Gastles Kinderrechtbank ProDemos"),  # R 4853
    (6, "Programma of model voor gezamenlijke aanpak preventie van radicalisering", "Aarhus-model"),  # R 4955
    (6, "Casuïstiek overleggen tussen wijkprofessionals over gezinnen met verhoogd risico",
     "Bubble Games (experiment, Gemeente Eindhoven)"),                                  # R 4974-4976
    (6, "Meldpunt voor professionals", "Hulplijn Extremisme (LSE)"),                    # R 5018
]


@pytest.mark.parametrize("nummer,factor,intervention", LINK_SPOT_CHECKS,
                         ids=[f"{c[0]}-{slugify(c[2])}" for c in LINK_SPOT_CHECKS])
def test_factor_links_intervention_as_in_b3x(nummer, factor, intervention):
    assert slugify(factor) in factors_by_id(), f"no factor {factor!r}"
    found_in, data = factors_by_id()[slugify(factor)]
    assert found_in == nummer
    linked = {resolve(n) for n in data.get("interventies") or []}
    assert resolve(intervention) in linked, f"{intervention!r} not linked from {factor!r}: {sorted(linked)}"

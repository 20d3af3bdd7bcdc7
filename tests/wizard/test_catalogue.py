"""The catalogue: full-text search (SQLite FTS5 or PostgreSQL), filters and their counts as pure
functions over the knowledge base, and the pages built on them."""

import re
import unicodedata
from html.parser import HTMLParser

import pytest
import sqlalchemy as sa
from flask import template_rendered
from markupsafe import escape
from werkzeug.datastructures import MultiDict

from rules.slug import slugify
from rules.text import BIDI_CONTROLS
from wizard.catalogue import cache, facets, gaps, listing, pages, paging
from wizard.catalogue.search import (FTS5_TABLE, POSTGRES_TABLE, fts5_match_expression, search_interventions,
                                     search_terms)
from wizard.config import PROJECT_ROOT
from wizard.extensions import db
from wizard.kb.files import read_knowledge_base
from wizard.kb.loader import replace_knowledge_base

HTMX = {"HX-Request": "true"}
SEARCHED_FIELDS = ("name", "description", "aim", "target_group_text", "provider")


@pytest.fixture
def search(app):
    """search_interventions on the test database, inside an app context."""
    with app.app_context():
        yield lambda q: search_interventions(db.session, q)


def query(kb, **params):
    return facets.parse_query(MultiDict([(k, v) for k, vs in params.items()
                                         for v in (vs if isinstance(vs, list) else [vs])]), kb)


def ids(kb, hits=None, **params) -> set[str]:
    return {i.id for i in facets.run_query(kb, query(kb, **params), hits).interventions}


def words(text: str) -> list[str]:
    return search_terms(text or "")


# --- full-text search ------------------------------------------------------------------------

@pytest.mark.parametrize("field", SEARCHED_FIELDS)
def test_search_finds_an_intervention_by_a_word_that_only_its_field_contains(search, real_kb, field):
    for i in real_kb.interventions.values():
        others = {w for f in SEARCHED_FIELDS if f != field for w in words(getattr(i, f))} | \
                 {w for alias in i.aliases for w in words(alias)}
        own = sorted((w for w in words(getattr(i, field)) if w not in others and len(w) > 5), key=len)
        if own:
            assert i.id in search(own[-1]), f"{own[-1]!r} from {field} of {i.id}"
            return
    pytest.fail(f"no intervention has a word of its own in {field}")


def test_search_finds_an_intervention_by_its_alias(search, real_kb):
    i = next(i for i in real_kb.interventions.values()
             if any(not set(words(a)) <= set(words(i.name)) for a in i.aliases))
    alias = next(a for a in i.aliases if not set(words(a)) <= set(words(i.name)))
    assert i.id in search(alias)


def test_search_finds_a_target_group_by_its_vocabulary_label(search, real_kb):
    expected = {i.id for i in real_kb.interventions.values() if "ouders-opvoeders" in i.target_groups}
    assert expected and expected <= set(search("opvoeders"))


def _fold(word: str) -> str:
    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode()


def test_search_ignores_accents_in_query_and_text(search, real_kb):
    for i in real_kb.interventions.values():
        accented = [w for f in SEARCHED_FIELDS for w in words(getattr(i, f)) if _fold(w) != w and len(w) > 4]
        if accented:
            word = accented[0]
            assert i.id in search(_fold(word)), word
            assert i.id in search(word)
            return
    pytest.fail("no accented word in the knowledge base")


@pytest.mark.parametrize("prefix, word", [("mediawijs", "mediawijsheid"), ("discrimin", "discriminatie"), ("oud", "ouders")])
def test_search_treats_the_last_word_as_a_prefix(search, prefix, word):
    full = set(search(word))
    assert full and full <= set(search(prefix))


def test_search_requires_every_word(search):
    both = set(search("ouders school"))
    assert both and both <= set(search("ouders")) & set(search("school"))


def test_search_ranks_a_name_match_above_mentions_elsewhere(search, real_kb):
    hits = search("diamant")
    assert max(hits, key=hits.get) == "diamant"


@pytest.mark.parametrize("hostile", ['"', "AND (", "*", "-", "NEAR(", "'", "\\", 'a"b', "^", ":", "OR", "NOT",
                                     "()", "%", "_", "ouders OR", "school*", "-ouders", '"ouders', "ouders:",
                                     "col:ouders", "\x00", "😀", "ñ", "x" * 500, "a & b | !c", "<->", "ouders:*"])
def test_hostile_query_strings_neither_crash_the_search_nor_the_page(search, client, hostile):
    search(hostile)
    assert client.get("/interventies", query_string={"q": hostile}).status_code == 200
    assert client.get("/interventies", query_string={"q": hostile}, headers=HTMX).status_code == 200


@pytest.mark.parametrize("typed", ["\u202eouders", "ou\u2067ders\u2069", "\u200fouders"])
def test_a_search_term_with_bidi_controls_is_echoed_without_them_and_finds_the_same(client, typed):
    """QA: '… gevonden voor ‘\u202eabc’' turned the rest of the heading around."""
    plain = client.get("/interventies", query_string={"q": "ouders"}).get_data(as_text=True)
    html = client.get("/interventies", query_string={"q": typed}).get_data(as_text=True)
    heading = re.search(r'<h2 [^>]*id="resultaten-kop"[^>]*>(.*?)</h2>', html, re.S).group(1)
    assert heading == re.search(r'<h2 [^>]*id="resultaten-kop"[^>]*>(.*?)</h2>', plain, re.S).group(1)
    assert "voor ‘<bdi>ouders</bdi>’" in heading  # isolated too, for a term in a right-to-left script
    assert not any(char in html for char in BIDI_CONTROLS)


def test_query_terms_reach_fts5_only_as_quoted_strings():
    assert fts5_match_expression(search_terms('ouders" OR (school*')) == '"ouders" "or" "school"*'


def test_a_query_without_words_matches_nothing(search):
    assert search("") == {} and search('"*-') == {}


def test_kb_load_replaces_the_search_index_instead_of_adding_to_it(app, runner, real_kb):
    assert runner.invoke(args=["kb", "load"]).exit_code == 0
    assert runner.invoke(args=["kb", "load"]).exit_code == 0
    with app.app_context():
        table = POSTGRES_TABLE if db.engine.dialect.name == "postgresql" else FTS5_TABLE
        assert db.session.scalar(sa.text(f"SELECT count(*) FROM {table}")) == len(real_kb.interventions)


def test_a_failed_kb_load_keeps_the_old_search_index(app, monkeypatch, search, data_copy):
    from wizard.kb import loader
    from wizard.kb.files import read_knowledge_base
    before = search("ouders")
    path = data_copy / "interventies" / "vip.yaml"
    path.write_text(path.read_text().replace("\nnaam: ", "\nnaam: Ouders ", 1))  # a new version, found by 'ouders'
    original = loader._write

    def write_then_fail(*args):
        original(*args)
        raise RuntimeError("schijf vol")
    monkeypatch.setattr(loader, "_write", write_then_fail)
    with pytest.raises(RuntimeError):
        loader.replace_knowledge_base(db.session, read_knowledge_base(data_copy))
    assert search("ouders") == before


@pytest.mark.postgres
def test_postgres_search_uses_dutch_stemming(app, search):
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("alleen op PostgreSQL: zet DATABASE_URL op een postgresql://-database")
    # 'opvoeding' and 'opvoeden' share the Dutch stem 'opvoed'
    assert set(search("opvoeding")) & set(search("opvoeden"))


# --- filters ---------------------------------------------------------------------------------

@pytest.mark.parametrize("param, value, expected", [
    ("bouwsteen", "2", lambda kb, i: any(kb.factors[f].bouwsteen == 2 for f in i.factor_ids)
     or (not i.factor_ids and kb.bouwsteen_of(i) == 2)),
    ("bouwsteen", "6", lambda kb, i: "9" in i.types or any(kb.factors[f].bouwsteen == 6 for f in i.factor_ids)
     or (not i.factor_ids and kb.bouwsteen_of(i) == 6)),
    ("factor", "mediawijsheid", lambda kb, i: "mediawijsheid" in i.factor_ids),
    ("type", "1", lambda kb, i: any(t in ("1", "1.1", "1.2", "1.3") for t in i.types)),
    ("type", "1.1", lambda kb, i: "1.1" in i.types),
    ("doelgroep", "jongeren", lambda kb, i: "jongeren" in i.target_groups),
    ("setting", "online", lambda kb, i: "online" in i.settings),
    ("preventieniveau", "geindiceerd", lambda kb, i: "geindiceerd" in i.prevention_levels),
    ("aanpak", "persoonsgericht", lambda kb, i: i.approach in ("persoonsgericht", "beide")),
    ("aanpak", "collectief", lambda kb, i: i.approach in ("collectief", "beide")),
    ("online", "ja", lambda kb, i: i.online),
    ("online", "nee", lambda kb, i: not i.online),
    ("inzet", "breed", lambda kb, i: i.broadly_applicable),
    ("inzet", "specifiek", lambda kb, i: not i.broadly_applicable),
    ("min_trede", "0", lambda kb, i: i.level is not None),
    ("min_trede", "3", lambda kb, i: i.level is not None and i.level >= 3),
    ("aangeboden", "ja", lambda kb, i: i.offered == "ja"),
    ("aangeboden", "nee", lambda kb, i: i.offered == "nee"),
    ("expliciet", "ja", lambda kb, i: i.explicit is True),
    ("expliciet", "onbekend", lambda kb, i: i.explicit is None),
    ("via_gemeenten", "ja", lambda kb, i: i.collected_via_municipalities is True),
    ("via_gemeenten", "nee", lambda kb, i: i.collected_via_municipalities is False),
])
def test_each_filter_keeps_exactly_the_matching_interventions(real_kb, param, value, expected):
    wanted = {i.id for i in real_kb.interventions.values() if expected(real_kb, i)}
    assert wanted and wanted != set(real_kb.interventions)  # the case narrows, and is not empty
    assert ids(real_kb, **{param: value}) == wanted


def test_options_of_one_filter_are_alternatives(real_kb):
    either = ids(real_kb, doelgroep="jongeren") | ids(real_kb, doelgroep="kinderen")
    assert ids(real_kb, doelgroep=["jongeren", "kinderen"]) == either


def test_different_filters_all_apply(real_kb):
    assert ids(real_kb, doelgroep="jongeren", online="ja") == ids(real_kb, doelgroep="jongeren") & ids(real_kb, online="ja")


def test_filters_combine_with_the_text_search(search, real_kb):
    hits = search("school")
    assert ids(real_kb, hits, doelgroep="jongeren") == set(hits) & ids(real_kb, doelgroep="jongeren")


def test_filters_work_on_a_hand_made_knowledge_base(small_kb):
    assert ids(small_kb, setting="online") == {"beta", "gamma", "zeta"}
    assert ids(small_kb, min_trede="2") == {"alfa", "delta", "epsilon", "zeta"}
    assert ids(small_kb, aanpak="persoonsgericht", aangeboden="onbekend") == {"eta"}
    assert ids(small_kb, factor="mediawijsheid", online="ja") == {"beta", "gamma", "zeta"}


STATES = [
    {},
    {"doelgroep": "jongeren"},
    {"doelgroep": ["jongeren", "ouders-opvoeders"], "aanpak": "collectief", "min_trede": "1"},
    {"q": "school", "setting": "school", "online": "nee", "bouwsteen": ["1", "4"]},
    {"factor": "mediawijsheid", "type": "1.1", "aangeboden": "ja", "expliciet": "ja", "via_gemeenten": "nee"},
]


@pytest.mark.parametrize("state", STATES, ids=lambda s: "&".join(sorted(s)) or "leeg")
def test_each_facet_count_is_the_length_of_the_list_with_that_option_chosen(search, real_kb, state):
    hits = search(state["q"]) if "q" in state else None
    current = query(real_kb, **state)
    counts = facets.run_query(real_kb, current, hits).counts
    index = facets.option_index(real_kb)
    for f in index.filters:
        for value in [*index.options[f.name], ""]:
            chosen = dict(current.selected)
            if value == "":
                chosen.pop(f.name, None)
            elif f.multiple:
                chosen[f.name] = tuple(dict.fromkeys((*current.values(f.name), value)))
            else:
                chosen[f.name] = (value,)
            applied = facets.CatalogueQuery(current.text, chosen, current.sort)
            assert counts[f.name][value] == len(facets.run_query(real_kb, applied, hits).interventions), (f.name, value)


def test_facet_counts_appear_next_to_the_options(client, real_kb):
    html = client.get("/interventies?doelgroep=jongeren").get_data(as_text=True)
    online = len(ids(real_kb, doelgroep="jongeren", online="ja"))
    assert re.search(r'for="filter-online-ja">Ja <span class="facet-count">\(' + str(online), html)


# --- sorting ---------------------------------------------------------------------------------

def test_sort_by_name_is_alphabetical_ignoring_accents_and_signs(real_kb):
    names = [slugify(i.name) for i in facets.run_query(real_kb, query(real_kb, sort="naam"), None).interventions]
    assert names == sorted(names) and len(names) == len(real_kb.interventions)


def test_sort_by_trede_puts_the_highest_first_and_unknown_last(real_kb):
    levels = [i.level for i in facets.run_query(real_kb, query(real_kb, sort="trede"), None).interventions]
    known = [level for level in levels if level is not None]
    assert known == sorted(known, reverse=True) and levels[len(known):] == [None] * (len(levels) - len(known))


def test_sort_by_relevance_is_the_default_with_a_search_term(search, real_kb):
    hits = search("ouders")
    result = facets.run_query(real_kb, query(real_kb, q="ouders"), hits)
    ranks = [hits[i.id] for i in result.interventions]
    assert query(real_kb, q="ouders").sort == "relevantie" and ranks == sorted(ranks, reverse=True)


def test_sort_order_is_kept_in_the_url_only_when_not_the_default(real_kb):
    assert query(real_kb, q="ouders", sort="relevantie").args() == [("q", "ouders")]
    assert query(real_kb, sort="trede").args() == [("sort", "trede")]


# --- invalid parameters ----------------------------------------------------------------------

@pytest.mark.parametrize("params, named", [
    ({"doelgroep": "pubers"}, "pubers"),
    ({"factor": "bestaat-niet"}, "parameter factor"),
    ({"type": "11"}, "parameter type"),
    ({"bouwsteen": "7"}, "parameter bouwsteen"),
    ({"min_trede": "9"}, "parameter min_trede"),
    ({"min_trede": "twee"}, "parameter min_trede"),
    ({"sort": "populariteit"}, "parameter sort"),
    ({"online": ["ja", "nee"]}, "parameter online"),
    ({"q": '"*'}, "geen woorden"),
])
def test_invalid_parameters_are_ignored_with_a_dutch_notice(client, real_kb, params, named):
    response = client.get("/interventies", query_string=params)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and named in html
    assert f"{len(real_kb.interventions)} interventies gevonden" in html or "parameter online" in html


def test_unknown_parameters_are_ignored_silently(client, real_kb):
    html = client.get("/interventies?utm_source=nieuwsbrief").get_data(as_text=True)
    assert f"{len(real_kb.interventions)} interventies gevonden" in html and "utrecht-alert--warning" not in html


def test_valid_values_survive_next_to_invalid_ones(real_kb):
    q = query(real_kb, doelgroep=["jongeren", "pubers"], min_trede="8")
    assert q.selected == {"doelgroep": ("jongeren",)} and len(q.notices) == 2


def test_a_very_long_search_term_is_cut_with_a_notice(real_kb):
    q = query(real_kb, q="ouders " * 100)
    assert len(q.text) <= facets.MAX_QUERY_LENGTH and "ingekort" in q.notices[0]


# --- htmx and the URL ------------------------------------------------------------------------

def test_the_full_page_has_a_get_form_that_htmx_enhances(client):
    html = client.get("/interventies").get_data(as_text=True)
    form = re.search(r"<form id=\"zoeken\"[^>]*>", html).group(0)
    for attribute in ('action="/interventies"', 'method="get"', 'data-hx-get="/interventies"', 'data-hx-push-url="true"',
                      'data-hx-target="#resultaten"', "data-hx-trigger=\"change, submit, input changed delay:400ms from:#zoekterm\""):
        assert attribute in form
    assert "<html" in html and 'id="resultaten"' in html


def test_an_htmx_request_gets_only_the_results_and_the_refreshed_filters(client):
    response = client.get("/interventies?doelgroep=jongeren", headers=HTMX)
    html = response.get_data(as_text=True)
    assert "<html" not in html and "<form" not in html
    assert 'id="resultaten-kop"' in html
    assert '<div id="filters" data-hx-swap-oob="true">' in html and 'data-hx-swap-oob="innerHTML"' in html
    assert "HX-Request" in response.headers["Vary"]


def test_an_htmx_request_pushes_the_canonical_url(client):
    response = client.get("/interventies?q=+ouders+&factor=&doelgroep=pubers&doelgroep=jongeren&online=&sort=relevantie",
                          headers=HTMX)
    assert response.headers["HX-Push-Url"] == "/interventies?q=ouders&doelgroep=jongeren"


def test_a_history_restore_after_a_cache_miss_gets_the_whole_page(client):
    response = client.get("/interventies?doelgroep=jongeren",
                          headers={**HTMX, "HX-History-Restore-Request": "true"})
    assert "<html" in response.get_data(as_text=True)


def test_the_chosen_filters_can_be_removed_one_by_one(client):
    html = client.get("/interventies?q=school&doelgroep=jongeren").get_data(as_text=True)
    assert 'href="/interventies?doelgroep=jongeren">wis' in html
    assert 'href="/interventies?q=school">wis' in html


# --- pages -----------------------------------------------------------------------------------

def test_every_intervention_has_a_page(client, real_kb):
    for i in real_kb.interventions.values():
        response = client.get(f"/interventies/{i.id}")
        assert response.status_code == 200, i.id


def test_every_factor_has_a_page(client, real_kb):
    for fid in real_kb.factors:
        assert client.get(f"/factoren/{fid}").status_code == 200, fid


def test_every_intervention_type_has_a_page(client, real_kb):
    for number in real_kb.types:
        assert client.get(f"/interventietypes/{number}").status_code == 200, number


@pytest.mark.parametrize("url", ["/interventies/bestaat-niet", "/factoren/bestaat-niet", "/interventietypes/10",
                                 "/interventietypes/1.9"])
def test_unknown_ids_are_a_dutch_404(client, url):
    response = client.get(url)
    assert response.status_code == 404 and "Pagina niet gevonden" in response.get_data(as_text=True)


@pytest.mark.parametrize("url", ["/interventies", "/bouwstenen", "/lacunes"])
def test_catalogue_pages_answer(client, url):
    assert client.get(url).status_code == 200


def test_the_navigation_shows_the_catalogue(client):
    html = client.get("/").get_data(as_text=True)
    for href in ('href="/interventies"', 'href="/bouwstenen"', 'href="/lacunes"'):
        assert href in html


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).replace("&#39;", "'").replace("&amp;", "&").replace("&#34;", '"').split())


def test_the_intervention_page_shows_everything_the_knowledge_base_holds(client, real_kb):
    i = max(real_kb.interventions.values(),
            key=lambda i: (bool(i.aliases), bool(i.municipalities), bool(i.remark), len(i.weblinks), len(i.factor_ids)))
    html = client.get(f"/interventies/{i.id}").get_data(as_text=True)
    text = _text(html)
    for value in [i.name, i.description, i.aim, i.target_group_text, i.provider, i.type_description, i.evaluation,
                  i.remark, *i.aliases, *i.municipalities]:
        if value:
            assert _text(str(value)) in text, value
    for url in i.weblinks:
        assert f'href="{url}"' in html
    for fid in i.factor_ids:
        assert f'href="/factoren/{fid}"' in html
    for number in i.types:
        assert f'href="/interventietypes/{number}"' in html
        for element in real_kb.types[number].working_elements + real_kb.types[number].preconditions:
            assert _text(element) in text
    for term in i.target_groups:
        assert real_kb.label("doelgroepen", term) in text


@pytest.mark.parametrize("iid_of, caveat", [
    (lambda kb: next(i for i in kb.interventions.values() if i.offered == "nee"), "Niet meer aangeboden"),
    (lambda kb: next(i for i in kb.interventions.values() if i.own_estimate), "Eigen inschatting"),
    (lambda kb: next(i for i in kb.interventions.values() if i.level is None), "Trede onbekend"),
    (lambda kb: next(i for i in kb.interventions.values() if i.explicit is False), "Niet expliciet preventief"),
])
def test_the_intervention_page_states_its_caveats(client, real_kb, iid_of, caveat):
    html = client.get(f"/interventies/{iid_of(real_kb).id}").get_data(as_text=True)
    assert f"<strong>{caveat}.</strong>" in html


@pytest.mark.parametrize("iid, expected", [
    ("alfa", ["eigen inschatting"]),
    ("beta", ["niet meer aangeboden", "trede onbekend"]),
    ("gamma", ["eigen inschatting", "niet expliciet preventief"]),
    ("eta", ["aanbod onbekend", "trede onbekend", "expliciet onbekend", "geen factor gekoppeld"]),
])
def test_caveats_follow_from_the_intervention(small_kb, iid, expected):
    assert [c.label for c in pages.caveats(small_kb.interventions[iid])] == expected


def test_the_factor_page_shows_its_interventions_directly_and_through_types(client, real_kb):
    f = real_kb.factors["mediawijsheid"]
    html = client.get("/factoren/mediawijsheid").get_data(as_text=True)
    linked = pages.factor_interventions(real_kb, f)
    direct, via_types = linked.named, linked.via_types
    assert [i.id for i in direct] == list(f.intervention_ids) and not linked.appendix
    for i in direct + [i for _, others in via_types for i in others]:
        assert f'href="/interventies/{i.id}"' in html
    for t, others in via_types:
        assert f'href="/interventietypes/{t.number}"' in html
        assert not {i.id for i in others} & set(f.intervention_ids)
    for text in [*f.subfactors, *f.references]:
        assert _text(text)[1:] in _text(html)


def test_the_type_page_shows_what_helps_judge_unevaluated_interventions(client, real_kb):
    t = real_kb.types["1.1"]
    html = client.get("/interventietypes/1.1").get_data(as_text=True)
    text = _text(html)
    for value in [t.description, *t.working_elements, *t.preconditions, *t.examples]:
        assert _text(value) in text
    assert 'href="/interventietypes/1"' in html
    linked = [name for name in t.examples if pages.intervention_named(real_kb, name)]
    assert linked, "at least one example is an intervention of the catalogue"


def test_the_bouwstenen_page_is_the_model_as_a_tree(client, real_kb):
    html = client.get("/bouwstenen").get_data(as_text=True)
    for b in real_kb.bouwstenen:
        assert f"Bouwsteen {b.number}: {b.name}" in html
        for t in b.themes:
            assert _text(t.name) in _text(html)
    for fid in real_kb.factors:
        assert f'href="/factoren/{fid}"' in html
    for number in real_kb.types:
        assert f'href="/interventietypes/{number}"' in html


# --- lacunes ---------------------------------------------------------------------------------

class MatrixRows(HTMLParser):
    """factor id -> the numbers in its row of the matrix."""

    def __init__(self):
        super().__init__()
        self.rows, self.factor, self.cells, self.in_cell = {}, None, [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "tr":
            self.factor, self.cells = None, []
        elif tag == "a" and (attrs.get("href") or "").startswith("/factoren/") and self.factor is None:
            self.factor = attrs["href"].removeprefix("/factoren/")
        elif tag == "td":
            self.in_cell = True
            self.cells.append("")

    def handle_endtag(self, tag):
        if tag == "td":
            self.in_cell = False
        elif tag == "tr" and self.factor:
            self.rows[self.factor] = [int(re.match(r"\s*(\d+)", c).group(1)) for c in self.cells]

    def handle_data(self, data):
        if self.in_cell:
            self.cells[-1] += data


def test_the_gap_matrix_counts_the_directly_linked_interventions_per_trede(client, real_kb):
    """Those of the report's tables: not the links the knowledge base added from Bijlage 2."""
    parser = MatrixRows()
    html = client.get("/lacunes").get_data(as_text=True)
    parser.feed(html.split("<table", 1)[1])
    assert set(parser.rows) == set(real_kb.factors)
    for fid, f in real_kb.factors.items():
        table = [i for i in f.intervention_ids if fid not in real_kb.interventions[i].appendix_factor_ids]
        levels = [real_kb.interventions[i].level for i in table]
        expected = [levels.count(level) for level in (0, 1, 2, 3, 4, 5, None)]
        assert parser.rows[fid] == expected + [len(table)], fid


def test_the_gap_matrix_is_an_accessible_table_with_a_colour_scale(client):
    html = client.get("/lacunes").get_data(as_text=True)
    assert "<caption" in html and 'scope="col"' in html and 'scope="row"' in html
    assert re.search(r'class="[^"]*heat-0[^"]*">0<', html)  # zero marked by colour and by its number


def test_the_gap_summary_names_factors_without_interventions(small_kb):
    import dataclasses
    from rules.model import Bouwsteen, Theme
    kb = dataclasses.replace(small_kb, bouwstenen=(Bouwsteen(1, "Individu", "", (
        Theme("Thema", 1, ("identiteit", "zonder-interventie")),)),))
    rows = gaps.coverage(kb)[0].rows
    assert [(r.factor.id, r.total, r.well_founded) for r in rows] == [("identiteit", 2, 1), ("zonder-interventie", 0, 0)]
    assert rows[0].counts == (0, 0, 0, 1, 0, 0, 1)


@pytest.mark.parametrize("count, css", [
    (0, "heat-0"), (1, "heat-1"), (2, "heat-2"), (3, "heat-2"), (4, "heat-3"), (12, "heat-3")])
def test_the_colour_scale_marks_zero_apart(count, css):
    assert gaps.heat(count) == css


# --- pages of results ------------------------------------------------------------------------

def result_ids(html: str) -> list[str]:
    return re.findall(r'<li class="result">\s*<h3 class="utrecht-heading-3"><a class="utrecht-link" href="/interventies/([^"]+)"', html)


def test_the_list_is_cut_into_pages_that_together_hold_every_result_once(client, real_kb):
    expected = [i.id for i in facets.run_query(real_kb, query(real_kb), None).interventions]
    assert len(expected) > paging.PAGE_SIZE  # the real knowledge base needs more than one page
    seen, number = [], 1
    while True:
        html = client.get(f"/interventies?pagina={number}").get_data(as_text=True)
        shown = result_ids(html)
        assert 0 < len(shown) <= paging.PAGE_SIZE
        seen += shown
        if 'rel="next"' not in html:
            break
        number += 1
    assert seen == expected and number == -(-len(expected) // paging.PAGE_SIZE)
    assert f"{len(expected)} interventies gevonden" in html  # the heading counts all, not the page


def test_page_links_keep_the_query_and_filter_changes_start_at_page_one(client):
    html = client.get("/interventies?doelgroep=jongeren&pagina=2").get_data(as_text=True)
    assert 'rel="next" href="/interventies?doelgroep=jongeren&amp;pagina=3"' in html
    assert 'rel="prev" href="/interventies?doelgroep=jongeren"' in html
    assert 'aria-current="page" href="/interventies?doelgroep=jongeren&amp;pagina=2"' in html
    assert 'href="/interventies">wis' in html  # removing a filter goes back to the first page
    form = re.search(r'<form id="zoeken".*?</form>', html, re.S).group(0)
    assert 'name="pagina"' not in form  # submitting the form (a filter change) starts at page 1


def test_an_htmx_page_request_pushes_the_url_with_its_page(client):
    response = client.get("/interventies?doelgroep=jongeren&pagina=2", headers=HTMX)
    assert response.headers["HX-Push-Url"] == "/interventies?doelgroep=jongeren&pagina=2"
    assert response.headers["HX-Push-Url"] != client.get("/interventies?doelgroep=jongeren", headers=HTMX).headers["HX-Push-Url"]


@pytest.mark.parametrize("value, message", [
    ("abc", "Pagina 'abc' bestaat niet (parameter pagina): de eerste pagina wordt getoond."),
    ("0", "Pagina '0' bestaat niet (parameter pagina)"),
    ("-3", "Pagina '-3' bestaat niet"),
    ("99999999999", "Pagina '99999999999' bestaat niet"),
])
def test_a_page_that_is_no_number_shows_the_first_with_a_notice(client, value, message):
    response = client.get("/interventies", query_string={"pagina": value})
    html = response.get_data(as_text=True).replace("&#39;", "'")
    assert response.status_code == 200 and message in html
    assert result_ids(html) == result_ids(client.get("/interventies").get_data(as_text=True))


def test_a_page_past_the_end_shows_the_last_with_a_notice(client, real_kb):
    last = -(-len(real_kb.interventions) // paging.PAGE_SIZE)
    html = client.get("/interventies?pagina=40").get_data(as_text=True).replace("&#39;", "'")
    assert f"Pagina 40 bestaat niet: er zijn {last} pagina's. De laatste wordt getoond." in html
    assert result_ids(html) == result_ids(client.get(f"/interventies?pagina={last}").get_data(as_text=True))


@pytest.mark.parametrize("count, number, expected", [
    (0, 1, (0, 1, [1])),
    (20, 1, (20, 1, [1])),
    (21, 2, (1, 2, [1, 2])),
    (200, 1, (20, 10, [1, 2, 3, None, 10])),
    (200, 5, (20, 10, [1, None, 3, 4, 5, 6, 7, None, 10])),
    (200, 10, (20, 10, [1, None, 8, 9, 10])),
])
def test_page_of_cuts_and_offers_links_around_the_current_page(count, number, expected):
    page = paging.page_of(list(range(count)), number)
    assert (len(page.items), page.count, page.numbers()) == expected
    assert page.items == tuple(range((page.number - 1) * 20, min(count, page.number * 20)))


# --- what is kept between requests -----------------------------------------------------------

class _Version:
    def __init__(self, version):
        self.version = version


def test_the_fragment_cache_is_bounded_and_emptied_by_another_knowledge_base_version(app):
    fragments = cache.VersionedCache(size=2)
    renders = []

    def render(text):
        renders.append(text)
        return text
    with app.test_request_context():
        v1 = _Version("v1")
        for key in ("a", "b", "a", "c", "a", "b"):
            assert fragments.get(v1, key, lambda: render(key)) == key
        assert renders == ["a", "b", "c", "b"] and len(fragments) == 2  # 'b' was least recently used
        assert fragments.get(_Version("v2"), "a", lambda: render("a, v2")) == "a, v2"
        assert len(fragments) == 1


def test_cached_cards_and_filters_still_follow_each_query(client, real_kb):
    first = client.get("/interventies?online=ja").get_data(as_text=True)
    other = client.get("/interventies?online=nee").get_data(as_text=True)
    again = client.get("/interventies?online=ja").get_data(as_text=True)
    # the CSRF token carries a timestamp: it may differ when a second passes between requests
    without_token = lambda html: re.sub(r'"X-CSRFToken": "[^"]*"', "", html)  # noqa: E731
    assert without_token(first) == without_token(again) and result_ids(first) != result_ids(other)
    panel = lambda html: re.search(r'<div id="filters">(.*?)</div>\s*<p class="search-buttons">', html, re.S).group(1)  # noqa: E731
    assert 'value="ja" checked' in panel(first) and 'value="nee" checked' in panel(other)


def test_a_search_term_is_asked_of_the_database_once_per_knowledge_base_version(client, search, real_kb, monkeypatch):
    asked = []
    original = cache.search_interventions

    def counting(session, text):
        asked.append(text)
        return original(session, text)
    monkeypatch.setattr(cache, "search_interventions", counting)
    monkeypatch.setattr(cache, "SEARCHES", cache.VersionedCache(size=8))
    expected = len(ids(real_kb, search("ouders"), doelgroep="jongeren"))
    assert result_ids(client.get("/interventies?q=ouders").get_data(as_text=True))
    again = client.get("/interventies?q=ouders&doelgroep=jongeren").get_data(as_text=True)
    assert asked == ["ouders"] and f"{expected} interventies gevonden" in again
    client.get("/interventies?q=school")
    assert asked == ["ouders", "school"]


def test_a_repeated_query_string_is_answered_from_the_kept_listing(client, monkeypatch):
    built = []
    original = listing.Listing

    def counting(kb, args):
        built.append(args.to_dict(flat=False))
        return original(kb, args)
    monkeypatch.setattr(listing, "Listing", counting)
    monkeypatch.setattr(cache, "LISTINGS", cache.VersionedCache(size=4))
    page = client.get("/interventies?online=ja").get_data(as_text=True)
    partial = client.get("/interventies?online=ja", headers=HTMX)
    assert built == [{"online": ["ja"]}]  # the page and the htmx partial share one listing
    assert partial.headers["HX-Push-Url"] == "/interventies?online=ja"
    region = re.search(r'<section id="resultaten"[^>]*>(.*)</section>', page, re.S).group(1)
    assert result_ids(region) == result_ids(partial.get_data(as_text=True))
    client.get("/interventies?online=nee")
    assert len(built) == 2


def test_the_content_of_a_repeated_full_page_is_rendered_once(app, client, monkeypatch):
    monkeypatch.setattr(cache, "LISTINGS", cache.VersionedCache(size=4))
    rendered = []

    def record(sender, template, context, **extra):
        rendered.append(template.name)
    with template_rendered.connected_to(record, app):
        first = client.get("/interventies?online=nee&pagina=2").get_data(as_text=True)
        second = client.get("/interventies?online=nee&pagina=2").get_data(as_text=True)
    # base.html around it is rendered each time (CSRF token, account menu)
    assert rendered.count("catalogue/interventions.html") == 2
    assert rendered.count("catalogue/_interventions_content.html") == 1
    without_token = lambda html: re.sub(r'"X-CSRFToken": "[^"]*"', "", html)  # noqa: E731
    assert without_token(first) == without_token(second) and "pagina 2 van" in first


SCRIPT = '<script>alert("kb")</script>'


@pytest.fixture
def hostile_kb(app, data_copy):
    """The real data with markup in an intervention's name and description and in a factor's name,
    loaded as the newest version; afterwards the real data is the newest again."""
    path = data_copy / "interventies" / "vip.yaml"
    text = re.sub(r"^naam: .*$", f"naam: 'VIP {SCRIPT} & co'", path.read_text(), count=1, flags=re.M)
    path.write_text(text.replace("\nomschrijving: >-\n", f"\nomschrijving: >-\n  {SCRIPT}\n", 1))
    factor_file = data_copy / "bouwstenen" / "4-sociale-omgeving.yaml"
    factor_file.write_text(factor_file.read_text().replace("naam: Mediawijsheid\n", f"naam: 'Mediawijsheid {SCRIPT}'\n", 1))
    with app.app_context():
        assert replace_knowledge_base(db.session, read_knowledge_base(data_copy))[1]
    yield
    with app.app_context():
        replace_knowledge_base(db.session, read_knowledge_base(PROJECT_ROOT / "data"))


@pytest.mark.parametrize("url", ["/interventies?q=vip", "/interventies?q=vip&pagina=1", "/interventies/vip",
                                 "/factoren/mediawijsheid", "/interventietypes/1.3", "/bouwstenen", "/lacunes"])
def test_markup_in_the_knowledge_base_comes_out_escaped_from_every_kept_fragment(client, hostile_kb, url):
    for headers in ({}, HTMX, {}):  # the second full page comes from what was kept
        html = client.get(url, headers=headers).get_data(as_text=True)
        assert SCRIPT not in html and "alert(" in html
        assert str(escape(SCRIPT)) in html


@pytest.mark.parametrize("url, page", [("/interventies/vip", "intervention"), ("/factoren/mediawijsheid", "factor"),
                                       ("/interventietypes/1.3", "intervention_type"), ("/bouwstenen", "bouwstenen"),
                                       ("/lacunes", "gaps")])
def test_a_page_that_shows_only_the_knowledge_base_is_rendered_once_per_version(app, client, monkeypatch, url, page):
    monkeypatch.setattr(cache, "PAGES", cache.VersionedCache(size=4))
    rendered = []

    def record(sender, template, context, **extra):
        rendered.append(template.name)
    with template_rendered.connected_to(record, app):
        first = client.get(url).get_data(as_text=True)
        second = client.get(url).get_data(as_text=True)
    # base.html around it is rendered each time (CSRF token, account menu)
    assert rendered == [f"catalogue/_{page}_content.html", f"catalogue/{page}.html", f"catalogue/{page}.html"]
    without_token = lambda html: re.sub(r'"X-CSRFToken": "[^"]*"', "", html)  # noqa: E731
    assert without_token(first) == without_token(second) and '<div class="catalogue-page">' in first


def test_each_intervention_page_keeps_its_own_content(client):
    assert "<h1 class=\"utrecht-heading-1\">VIP</h1>" in client.get("/interventies/vip").get_data(as_text=True)
    assert "<h1 class=\"utrecht-heading-1\">VIP</h1>" not in client.get("/interventies/diamant").get_data(as_text=True)


PANEL_IN_PAGE = r'<div id="filters">(.*?)</div>\s*<p class="search-buttons">'
PANEL_OUT_OF_BAND = r'<div id="filters" data-hx-swap-oob="true">(.*?)</div>\s*<span id="filters-gekozen"'


def _shown(panel: str, f: facets.Filter, value: str) -> tuple[bool, int]:
    """(chosen, count) of one option as the panel shows it."""
    if f.widget == "select":
        select = re.search(rf'<select [^>]*id="filter-{f.name}".*?</select>', panel, re.S).group(0)
        found = re.search(rf'<option value="{re.escape(value)}"( selected)?>[^<]* \((\d+)\)</option>', select)
    else:
        field = f"filter-{f.name}-{value or 'alle'}"
        found = re.search(rf'id="{field}"\s+name="{f.name}" value="{re.escape(value)}"( checked)?>\s*'
                          rf'<label [^>]*for="{field}">[^<]* <span class="facet-count">\((\d+)<', panel)
    assert found, (f.name, value)
    return bool(found.group(1)), int(found.group(2))


@pytest.mark.parametrize("state", STATES, ids=lambda s: "&".join(sorted(s)) or "leeg")
def test_the_filter_panel_shows_the_count_and_choice_of_every_option_for_the_query(client, search, real_kb, state):
    params = [(k, v) for k, vs in state.items() for v in (vs if isinstance(vs, list) else [vs])]
    for headers in ({}, HTMX):
        response = client.get("/interventies", query_string=params + [("sort", "trede")], headers=headers)
        html = response.get_data(as_text=True)
        panel = re.search(PANEL_OUT_OF_BAND if headers else PANEL_IN_PAGE, html, re.S).group(1)
        assert "\x00" not in html and re.findall(r'<option value="(\w+)" selected>', panel)[0] == "trede"
        current = query(real_kb, **state)
        counts = facets.run_query(real_kb, current, search(state["q"]) if "q" in state else None).counts
        for f in facets.FILTERS:
            shown = {v: _shown(panel, f, v) for v in facets.option_index(real_kb).options[f.name]}
            assert shown == {v: (v in current.values(f.name), counts[f.name][v]) for v in shown}, f.name
            if f.widget != "checkbox":  # 'Maakt niet uit' / 'Alle ...': chosen when nothing is
                assert _shown(panel, f, "") == (f.widget == "radio" and not current.values(f.name), counts[f.name][""])


def _section(html: str, heading_start: str) -> str:
    """The text from the <h2> starting with `heading_start` to the next <h2>."""
    start = html.index(f'<h2 class="utrecht-heading-2">{heading_start}')
    return html[start:html.index("<h2", start + 1)]


def test_the_factor_page_lists_the_links_from_bijlage_2_apart_from_those_the_report_names(client, real_kb):
    """Review of the rule engine: 'Interventies die het rapport bij deze factor noemt' counted the
    links the data team added from Bijlage 2 (data/AFWIJKINGEN.md 5.11) as named by the report."""
    factors = {fid for i in real_kb.interventions.values() for fid in i.appendix_factor_ids}
    assert {"stabiele-thuissituatie", "positieve-opvoedstijl"} <= factors
    for fid in factors:
        factor = real_kb.factors[fid]
        from_appendix = {i for i in factor.intervention_ids if fid in real_kb.interventions[i].appendix_factor_ids}
        named = [i for i in factor.intervention_ids if i not in from_appendix]
        html = client.get(f"/factoren/{fid}").get_data(as_text=True)
        report = _section(html, "Interventies die het rapport bij deze factor noemt")
        added = _section(html, "Via Bijlage 2 door de kennisbank gekoppeld")
        assert f"noemt ({len(named)})" in report and f"gekoppeld ({len(from_appendix)})" in added, fid
        for iid in factor.intervention_ids:
            link = f'href="/interventies/{iid}"'
            assert (link in added, link in report) == (iid in from_appendix, iid not in from_appendix), (fid, iid)
    thuis = client.get("/factoren/stabiele-thuissituatie").get_data(as_text=True)
    assert "Familieondersteuning" in _section(thuis, "Via Bijlage 2") and "JIM-aanpak" in _section(thuis, "Interventies die")
    assert "Bijlage 2 beschrijft ze bij Type 3" in _section(thuis, "Via Bijlage 2")


def test_a_factor_without_links_from_bijlage_2_has_no_such_section(client):
    assert "Via Bijlage 2" not in client.get("/factoren/mediawijsheid").get_data(as_text=True)


def test_the_intervention_page_marks_a_factor_linked_from_bijlage_2(client):
    html = client.get("/interventies/familieondersteuning").get_data(as_text=True)
    factors = _section(html, "Beschermende factoren die zij versterkt")
    assert factors.count("via Bijlage 2 door de kennisbank gekoppeld") == 3
    assert "via Bijlage 2" not in _section(client.get("/interventies/diamant").get_data(as_text=True),
                                           "Beschermende factoren die zij versterkt")


def test_the_gap_matrix_counts_only_the_links_of_the_reports_tables(real_kb):
    rows = {r.factor.id: r for group in gaps.coverage(real_kb) for r in group.rows}
    factor = real_kb.factors["stabiele-thuissituatie"]
    table_links = [i for i in factor.intervention_ids if factor.id not in real_kb.interventions[i].appendix_factor_ids]
    assert rows[factor.id].total == len(table_links) == 1 < len(factor.intervention_ids)

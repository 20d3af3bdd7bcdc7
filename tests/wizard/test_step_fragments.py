"""Choice rows and step 3's factors are rendered once and reused (wizard/questionnaire/fragments.py):
the ticks on a page are still the page's own, never those of another questionnaire."""

import dataclasses
import re

from flask import get_template_attribute

from tests.wizard.test_questionnaire import STEP1, STEP2, STEP4, complete, new_session
from wizard.questionnaire.fragments import FACTOR, effect_ladder, factor_item, factor_tree


def ticked(html: str, name: str) -> set[str]:
    """The values of the boxes named `name` that the page shows ticked."""
    inputs = re.findall(r"<input[^>]*>", html)
    return {re.search(r'value="([^"]*)"', i).group(1) for i in inputs
            if f'name="{name}"' in i and re.search(r"\schecked\b", i)}


def offered(html: str, name: str) -> list[str]:
    return [re.search(r'value="([^"]*)"', i).group(1) for i in re.findall(r"<input[^>]*>", html) if f'name="{name}"' in i]


def test_two_questionnaires_see_their_own_ticks_on_the_same_rows(client):
    running = client.get(f"/wizard/{new_session(client)}/stap/1").get_data(as_text=True)
    some = offered(running, "huidige_interventies")[3:5]
    assert len(some) == 2 and len(offered(running, "huidige_interventies")) > 100
    first, second = new_session(client), new_session(client)
    complete(client, first, factors=("mediawijsheid", "ideologische-weerbaarheid"))
    client.post(f"/wizard/{first}/stap/1", data={**STEP1, "huidige_interventies": some})
    risks = offered(client.get(f"/wizard/{first}/stap/2").get_data(as_text=True), "risico_indicaties")
    assert client.post(f"/wizard/{first}/stap/2", data={**STEP2, "risico_indicaties": [risks[0], risks[-1]]}
                       ).status_code == 303
    complete(client, second, factors=("positieve-opvoedstijl",))
    client.post(f"/wizard/{second}/stap/3", data={"factoren": ["positieve-opvoedstijl"],
                                                    "prioriteit": ["positieve-opvoedstijl"]})
    for _ in range(2):  # the second round is served from the reused rows
        one = client.get(f"/wizard/{first}/stap/1").get_data(as_text=True)
        other = client.get(f"/wizard/{second}/stap/1").get_data(as_text=True)
        assert ticked(one, "huidige_interventies") == set(some) and not ticked(other, "huidige_interventies")
        assert ticked(one, "inwoners") == {"klein"} and ticked(one, "verschijningsvormen") == {"verticale-polarisatie"}
        one = client.get(f"/wizard/{first}/stap/2").get_data(as_text=True)
        other = client.get(f"/wizard/{second}/stap/2").get_data(as_text=True)
        assert ticked(one, "risico_indicaties") == {risks[0], risks[-1]} and not ticked(other, "risico_indicaties")
        assert f'id="risico-{risks[0]}"' in other and ticked(other, "doelgroepen") == set(STEP2["doelgroepen"])
        one = client.get(f"/wizard/{first}/stap/3").get_data(as_text=True)
        other = client.get(f"/wizard/{second}/stap/3").get_data(as_text=True)
        assert ticked(one, "factoren") == {"mediawijsheid", "ideologische-weerbaarheid"} and not ticked(one, "prioriteit")
        assert ticked(other, "factoren") == {"positieve-opvoedstijl"} == ticked(other, "prioriteit")


def test_a_priority_without_its_factor_is_marked_on_that_factor_only(client):
    sid = new_session(client)
    complete(client, sid)
    html = client.post(f"/wizard/{sid}/stap/3", data={"factoren": ["mediawijsheid"],
                                                       "prioriteit": ["positieve-opvoedstijl"]}).get_data(as_text=True)
    assert 'id="prio-positieve-opvoedstijl-fout"' in html and html.count('aria-invalid="true"') == 1
    html = client.get(f"/wizard/{sid}/stap/3").get_data(as_text=True)  # the same factor from the reused rows
    assert 'id="prio-positieve-opvoedstijl-fout"' not in html and 'aria-invalid="true"' not in html


def test_a_suggested_factor_from_the_reused_fragment_equals_one_made_afresh(app, newest_kb):
    """The reasons are filled into the reused <li> as the macro itself would write them: escaped,
    joined by a space, and an empty list of reasons still marks the factor as suggested."""
    with app.test_request_context():
        macro = get_template_attribute(FACTOR, "factor_item")
        fid = next(iter(newest_kb.factors))
        for reasons in ([{"tekst": "Past bij <jongeren> & 'ouders'."}, {"tekst": "Tweede reden."}], []):
            for chosen, high in ((True, True), (False, False)):
                for _ in range(2):  # made once, then reused
                    assert factor_item(newest_kb, fid, chosen, high, reasons) == macro(
                        newest_kb.factors[fid], chosen, high, reasons, False)
        assert "Past bij &lt;jongeren&gt; &amp; &#39;ouders&#39;. Tweede reden.</p>" in factor_item(
            newest_kb, fid, True, False, [{"tekst": "Past bij <jongeren> & 'ouders'."}, {"tekst": "Tweede reden."}])


def test_the_factor_tree_opens_the_bouwstenen_with_a_chosen_suggested_or_refused_factor(app, newest_kb):
    with app.test_request_context():
        first, second, third, *rest = newest_kb.bouwstenen
        fid_of = lambda b: b.themes[0].factor_ids[0]  # noqa: E731
        html = str(factor_tree(newest_kb, [fid_of(first)], [], {fid_of(second): []}, [fid_of(third)]))
        opened = re.findall(r'<details class="bouwsteen" (open)?>\s*<summary><span class="utrecht-heading-3">'
                            r'Bouwsteen (\d+):', html)
        assert [(number, bool(mark)) for mark, number in opened] == [
            (str(b.number), b in (first, second, third)) for b in newest_kb.bouwstenen]
        assert html.count('name="factoren"') == len(newest_kb.factors) and "\x00" not in html


def test_the_progress_links_carry_each_questionnaires_own_id_and_completed_steps(client):
    first, second = new_session(client), new_session(client)
    complete(client, first)
    for _ in range(2):  # the second round is served from the reused links
        for sid, done in ((first, {1, 2, 3, 4}), (second, set())):
            html = client.get(f"/wizard/{sid}/stap/1").get_data(as_text=True)
            nav = html[html.index('<nav aria-label="Voortgang'):]
            nav = nav[:nav.index("</nav>")]
            linked = set(re.findall(r'href="/wizard/([^/"]+)/stap/(\d)"', nav))
            assert linked == {(sid, str(n)) for n in done | {1}}
            assert f'href="/wizard/{sid}/overzicht"' in nav and nav.count("(ingevuld)") == len(done)


def test_a_choice_fieldset_in_error_is_marked_and_the_reused_one_is_not(client):
    sid = new_session(client)
    complete(client, sid)
    for _ in range(2):  # the second round is served from the reused fieldsets
        refused = client.post(f"/wizard/{sid}/stap/2", data={"settings": ["school"]})
        html = refused.get_data(as_text=True)
        assert refused.status_code == 422
        assert re.search(r'<fieldset class="utrecht-form-fieldset utrecht-form-fieldset--invalid" id="doelgroepen"'
                         r' aria-describedby="doelgroepen-uitleg doelgroepen-fout" aria-invalid="true">', html)
        assert "Kies ten minste één doelgroep." in html and ticked(html, "settings") == {"school"}
        html = client.get(f"/wizard/{sid}/stap/2").get_data(as_text=True)
        assert '<fieldset class="utrecht-form-fieldset" id="doelgroepen" aria-describedby="doelgroepen-uitleg">' in html
        assert "fieldset--invalid" not in html and ticked(html, "doelgroepen") == set(STEP2["doelgroepen"])


NASTY = 'Sint-Oedenrode "Den Bosch" <script>alert(1)</script> & Zoë'


def test_a_reused_text_box_shows_each_questionnaires_own_value_escaped(client):
    nasty, plain = new_session(client), new_session(client)
    assert client.post(f"/wizard/{nasty}/stap/1", data={**STEP1, "gemeente": NASTY, "aanleiding": NASTY,
                                                         "budget_euro": "25.000"}).status_code == 303
    for _ in range(2):  # the second round is served from the reused text boxes
        html = client.get(f"/wizard/{nasty}/stap/1").get_data(as_text=True)
        escaped = "Sint-Oedenrode &#34;Den Bosch&#34; &lt;script&gt;alert(1)&lt;/script&gt; &amp; Zoë"
        assert f'id="gemeente" name="gemeente"\n         value="{escaped}" required>' in html
        assert f'aria-describedby="aanleiding-uitleg">{escaped}</textarea>' in html and "<script>alert" not in html
        assert 'id="budget_euro" name="budget_euro"\n         value="25.000"' in html
        other = client.get(f"/wizard/{plain}/stap/1").get_data(as_text=True)
        # (the menu's 'Ga verder met' names the questionnaire this browser opened before)
        wizard = other[other.index('<div id="wizard"'):]
        assert 'id="gemeente" name="gemeente"\n         value="" required>' in wizard and "Oedenrode" not in wizard
        assert 'aria-describedby="aanleiding-uitleg"></textarea>' in other and 'name="budget_euro"\n         value=""' in other


def test_a_text_box_in_error_is_marked_and_the_reused_one_is_not(client):
    sid = new_session(client)
    for _ in range(2):
        refused = client.post(f"/wizard/{sid}/stap/1", data={**STEP1, "gemeente": "", "budget_fte": "anderhalf"})
        html = refused.get_data(as_text=True)
        assert refused.status_code == 422
        assert ('<div class="utrecht-form-field utrecht-form-field--text utrecht-form-field--invalid">\n'
                '  <label class="utrecht-form-label" for="gemeente">Naam van de gemeente') in html
        assert 'aria-describedby="gemeente-fout" aria-invalid="true"' in html
        assert 'value="anderhalf" aria-describedby="budget_fte-uitleg budget_fte-fout" aria-invalid="true">' in html
        assert "Vul een getal in, bijvoorbeeld 1,5." in html
        html = client.get(f"/wizard/{sid}/stap/1").get_data(as_text=True)
        assert "utrecht-form-field--invalid" not in html and 'aria-invalid' not in html
        assert 'name="budget_fte"\n         value="" aria-describedby="budget_fte-uitleg">' in html


def test_the_single_checkboxes_are_ticked_as_each_questionnaire_answered(client):
    ticking, leaving = new_session(client), new_session(client)
    complete(client, ticking)
    complete(client, leaving)
    assert client.post(f"/wizard/{ticking}/stap/4", data={**STEP4, "alleen_aangeboden": "y"}).status_code == 303
    assert client.post(f"/wizard/{leaving}/stap/4", data={k: v for k, v in STEP4.items() if k != "indirect_meenemen"}
                       ).status_code == 303
    for _ in range(2):
        one = client.get(f"/wizard/{ticking}/stap/4").get_data(as_text=True)
        other = client.get(f"/wizard/{leaving}/stap/4").get_data(as_text=True)
        assert ticked(one, "alleen_aangeboden") == {"y"} == ticked(one, "indirect_meenemen")
        assert not ticked(other, "alleen_aangeboden") and not ticked(other, "indirect_meenemen")
        assert '<label class="utrecht-form-label utrecht-form-label--checkbox" for="alleen_aangeboden">' in other


def test_the_reused_effect_ladder_escapes_knowledge_base_text_and_follows_its_version(app, newest_kb):
    levels = tuple(level.model_copy(update={"name": f"<script>trede {level.level}</script>"}) for level in newest_kb.levels)
    changed = dataclasses.replace(newest_kb, levels=levels, extras={**newest_kb.extras,
                                                                    "effectladder_waarschuwing": "Hoger & <b>beter</b>?"})
    with app.test_request_context():
        for _ in range(2):  # made once per knowledge base, then reused
            html = str(effect_ladder(changed))
            assert "<script>" not in html and "<dt>Trede 0: &lt;script&gt;trede 0&lt;/script&gt;</dt>" in html
            assert "Hoger &amp; &lt;b&gt;beter&lt;/b&gt;?" in html
            real = str(effect_ladder(newest_kb))
            assert "&lt;script&gt;" not in real and f"<dt>Trede 0: {newest_kb.levels[0].name}</dt>" in real


def test_the_minimum_level_is_selected_as_each_questionnaire_answered(client):
    some, none = new_session(client), new_session(client)
    complete(client, some)
    complete(client, none)
    assert client.post(f"/wizard/{some}/stap/4", data={**STEP4, "min_trede": "3"}).status_code == 303
    for _ in range(2):
        one = client.get(f"/wizard/{some}/stap/4").get_data(as_text=True)
        other = client.get(f"/wizard/{none}/stap/4").get_data(as_text=True)
        assert re.findall(r'<option value="([^"]*)" selected>', one) == ["3"]
        assert re.findall(r'<option value="([^"]*)" selected>', other) == [""]
        assert '<option value="">Geen minimum</option>' in one and '<option value="3">Trede 3: ' in other

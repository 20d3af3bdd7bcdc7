"""The frame around every page (base.html with wizard/page_shell.py): the menu, its current item,
'Ga verder met …', the style sheets and scripts, and links under the app's mount point."""

import json
import re

from tests.wizard.test_questionnaire import STEP1, new_session

MENU = re.compile(r'<nav aria-label="Hoofdmenu".*?</nav>', re.S)


def menu_of(html: str) -> list[tuple[str, str, bool]]:
    """(href, label, is current) of every menu item, in order."""
    items = re.findall(r'<a class="utrecht-link utrecht-nav-list__link" href="([^"]*)"\s*(aria-current="page")?>([^<]*)</a>',
                       MENU.search(html).group(0))
    return [(href, label, bool(current)) for href, current, label in items]


def test_the_menu_marks_the_page_it_is_on_and_only_that_one(client):
    for path, current in (("/", "Home"), ("/interventies", "Interventies"), ("/lacunes", "Lacunes"),
                          ("/bouwstenen", "Bouwstenen"), ("/wizard/", "Vragenlijst")):
        menu = menu_of(client.get(path).get_data(as_text=True))
        assert [label for _, label, _ in menu] == ["Home", "Vragenlijst", "Interventies", "Bouwstenen", "Lacunes",
                                                   "Hoe komt het advies tot stand?"]
        assert [label for _, label, is_current in menu if is_current] == [current], path
    # a page outside the menu marks nothing
    assert not any(c for _, _, c in menu_of(client.get("/bestaat-niet").get_data(as_text=True)))


def test_the_questionnaire_item_names_the_questionnaire_this_browser_worked_on(client):
    sid = new_session(client)
    client.post(f"/wizard/{sid}/stap/1", data={**STEP1, "gemeente": "<b>Kiesstad</b>"})
    menu = menu_of(client.get("/interventies").get_data(as_text=True))
    assert menu[1] == (f"/wizard/{sid}", "Ga verder met &lt;b&gt;Kiesstad&lt;/b&gt;", False)
    assert menu[2] == ("/interventies", "Interventies", True)


def test_under_a_mount_point_every_frame_link_carries_it(client):
    html = client.get("/interventies", environ_overrides={"SCRIPT_NAME": "/bsw"}).get_data(as_text=True)
    assert all(href.startswith("/bsw/") for href, _, _ in menu_of(html))
    assert '<a class="site-name" href="/bsw/">' in html
    assets = re.findall(r'<(?:link rel="stylesheet"|script) (?:href|src)="([^"]*)"', html)
    assert len(assets) == 6 and all(a.startswith("/bsw/static/") for a in assets), assets
    assert '<a class="utrecht-link" href="/bsw/feedback">Meld een fout of aanvulling</a>' in html.split("<footer")[1]
    # and the same app without the mount point still links from the root
    plain = client.get("/interventies").get_data(as_text=True)
    assert all(not href.startswith("/bsw") for href, _, _ in menu_of(plain))
    assert all(not a.startswith("/bsw") for a in re.findall(r'<(?:link rel="stylesheet"|script) (?:href|src)="([^"]*)"', plain))


def test_htmx_is_told_to_write_no_style_attribute_which_the_policy_refuses(client):
    """htmx 'settles' the attributes it is configured with after a swap; a style attribute it
    writes is refused by the Content-Security-Policy (style-src 'self') with a console error."""
    config = re.search(r'<meta name="htmx-config" content=\'([^\']*)\'>', client.get("/").get_data(as_text=True))
    settled = json.loads(config.group(1))["attributesToSettle"]
    assert "style" not in settled and "class" in settled
    assert "'unsafe-inline'" not in client.get("/").headers["Content-Security-Policy"]

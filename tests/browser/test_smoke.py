def test_home_in_a_real_browser_is_accessible(page, live_server, assert_accessible):
    page.goto(live_server + "/")
    assert page.locator("h1").inner_text() == "Bouwstenenwijzer"
    assert page.locator("ol.bouwstenen-list li").count() == 6
    assert_accessible(page, "home")

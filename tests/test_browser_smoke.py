"""Debian's Chromium, driven by Playwright, opens the built site."""


def test_chromium_opens_a_generated_page(small_site, browser):
    from .browser import serve

    with serve(small_site, "/kasikirjat/verme/") as url:
        page = browser.new_page()
        page.goto(url + "menetelmat/aikajana/")
        assert page.locator("h1").inner_text().startswith("Aikajana")
        assert page.title() == "Aikajana - Verme-käsikirja"
        page.close()

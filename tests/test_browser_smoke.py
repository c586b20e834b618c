"""Debian's Chromium, driven by Playwright, opens the built site."""


def test_chromium_opens_a_generated_page(small_site, browser):
    from .browser import serve

    with serve(small_site, "/kasikirjat/verme/") as url:
        page = browser.new_page()
        page.goto(url + "menetelmat/aikajana/")
        assert page.locator("h1").inner_text().startswith("Aikajana")
        assert page.title() == "Aikajana - Verme-käsikirja"
        page.close()


def test_every_page_reads_in_the_readers_locale_and_time_zone(browser):
    # Not the machine's LANG or TZ: Finnish numbers and dates, Finnish time, also without a context's options.
    page = browser.new_page()
    shown = page.evaluate("""() => [navigator.language, Intl.DateTimeFormat().resolvedOptions().timeZone,
        (1234.5).toLocaleString(), new Date(Date.UTC(2025, 8, 16, 10, 0)).toLocaleString()]""")
    page.close()
    assert shown == ["fi-FI", "Europe/Helsinki", "1\u00a0234,5", "16.9.2025 klo 13.00.00"]

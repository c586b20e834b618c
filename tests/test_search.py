"""Finnish search in real Chromium: a facilitator's queries, inflected and multi-word, typed into
Material's search box; the page they are after must be among the first three results."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

# (query, the page a facilitator typing it is looking for)
QUERIES = [
    ("janalla", "menetelmat/aikajana/"),
    ("patsaaseen", "menetelmat/patsastekniikka/"),
    ("kirjeen itselle", "menetelmat/kirje-itselle/"),
    ("etäryhmässä", "tapaamispohjat/teematapaaminen-eta/"),
    ("palautekierroksella", "menetelmat/palautekierros/"),
    ("värikorteilla", "menetelmat/varikortit/"),
    ("pelisäännöt", "menetelmat/pelisaannot/"),
    ("ensimmäinen tapaaminen", "tapaamispohjat/ensimmainen-tapaaminen/"),
    ("etätapaamisen aloitus", "tapaamispohjat/etaryhman-aloitustapaaminen/"),
    ("oikeus olla hiljaa", "periaatteet/oikeus-olla-hiljaa/"),
    ("sosiaalinen atomi", "menetelmat/sosiaalinen-atomi/"),
    ("orientoiva seminaari", "mentorikoulutus/seminaari-1/"),
    ("luottamuksen rakentaminen", "kriisi-ja-etajohtaminen/luottamuksen-rakentaminen/"),
    ("vatupassi", "menetelmat/vatupassi-keskustelu/"),
    ("verme ja työnohjaus", "vertailut/verme-ja-tyonohjaus/"),
    ("kehityskeskusteluun", "varhainen-tuki/varhainen-tuki/"),
    ("mentorin rooli", "vertaisryhmamentorointi/"),
]


@pytest.fixture(scope="module")
def search_page(browser, site_url):
    context = browser.new_context(locale="fi-FI", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_url)
    yield page, urlsplit(site_url).path
    context.close()


def _search(page, query: str) -> None:
    box = page.locator("input.md-search__input")
    box.click()
    # Empty the box first and wait for the prompt, so the results read next belong to this query.
    box.fill("")
    box.press("End")
    page.wait_for_function("!/täsmä/.test(document.querySelector('.md-search-result__meta').textContent)")
    box.press_sequentially(query)
    page.wait_for_function(
        "q => document.querySelector('.md-search__input').value === q"
        " && /täsmä/.test(document.querySelector('.md-search-result__meta').textContent)",
        arg=query,
    )
    # Each keystroke searches; wait until the last keystroke's results have stopped changing.
    previous = None
    for _ in range(20):
        current = page.locator(".md-search-result__list").inner_html()
        if current == previous:
            return
        previous = current
        page.wait_for_timeout(150)


def _top_pages(page, base_path: str, count: int = 3) -> list[str]:
    links = page.locator("ol.md-search-result__list > li.md-search-result__item > a.md-search-result__link")
    pages = [urlsplit(href).path.removeprefix(base_path) for href in links.evaluate_all("as => as.map(a => a.href)")]
    return list(dict.fromkeys(pages))[:count]


def test_there_are_enough_queries_including_inflected_and_multi_word_ones():
    queries = [query for query, _ in QUERIES]
    assert len(queries) >= 12
    assert {"janalla", "patsaaseen", "kirjeen itselle", "etäryhmässä", "palautekierroksella"} <= set(queries)
    assert sum(" " in query for query in queries) >= 5


@pytest.mark.parametrize(("query", "expected"), QUERIES, ids=[query for query, _ in QUERIES])
def test_query_finds_the_page_among_the_first_three(search_page, query, expected):
    page, base_path = search_page
    _search(page, query)
    top = _top_pages(page, base_path)
    assert expected in top, f"{query!r}: first results {top}"


def test_a_query_with_no_match_says_so_in_finnish(search_page):
    page, _ = search_page
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    box.press_sequentially("xyzzyq")
    page.wait_for_function("/Ei täsmääviä/.test(document.querySelector('.md-search-result__meta').textContent)")
    assert page.locator("ol.md-search-result__list > li").count() == 0

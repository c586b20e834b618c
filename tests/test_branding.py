"""Branding by configuration only: organisation name, logo, colours, feedback address and footer text come
from mkdocs.yml `extra:`; the build refuses a logo without alt text and colours without WCAG contrast; the
accessibility statement is generated from the same settings and linked from every page."""

from __future__ import annotations

import textwrap
from urllib.parse import urljoin

import pytest
import yaml
from bs4 import BeautifulSoup

from macros.branding import SettingsError, contrast_ratio, read_settings

from .conftest import ROOT, make_project, mkdocs_build
from .intranet import page_paths, switch_to_dark

BRANDED = """\
INHERIT: mkdocs.yml
extra:
  organisation:
    name: Testikaupunki
    logo:
      src: assets/talo/merkki.svg
      alt: Testikaupungin vaakuna
    colours:
      primary: "#1f4e79"
      accent: "#b3125a"
      dark_primary: "#9ecbf2"
      dark_accent: "#f48fb1"
    feedback_email: palaute@testikaupunki.fi
    feedback_url: https://intra.testikaupunki.fi/palaute
    footer: Henkilöstön oma käsikirja.
  accessibility:
    level: osittain
    shortcomings:
      - content: Vanhat koulutusvideot
        reason: Videoilta puuttuvat tekstitykset.
        criteria: ["1.2.2 Tekstitys"]
        alternative: Videoiden käsikirjoitukset saa pyytämällä palauteosoitteesta.
"""


def branded_project(tmp_path, settings: str = BRANDED):
    folder = tmp_path / "projekti"
    folder.mkdir()
    project = make_project(folder)
    (project / "docs" / "assets" / "talo").mkdir(parents=True)
    (project / "docs" / "assets" / "talo" / "merkki.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>', encoding="utf-8"
    )
    (project / "branded.yml").write_text(settings, encoding="utf-8")
    return project


def build_branded(project):
    return mkdocs_build(project, "--config-file", str(project / "branded.yml"))


@pytest.fixture(scope="module")
def branded_site(tmp_path_factory):
    project = branded_project(tmp_path_factory.mktemp("brand"))
    result = build_branded(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def soup(site, page="index.html"):
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


@pytest.mark.site
def test_the_organisations_settings_reach_every_part_of_the_page(branded_site):
    home = soup(branded_site)
    logo = home.select_one(".md-header__button.md-logo img")
    assert (logo["src"], logo["alt"]) == ("assets/talo/merkki.svg", "Testikaupungin vaakuna")
    footer = home.select_one(".md-footer-meta")
    assert (
        footer.select_one(".md-copyright__highlight").get_text(" ", strip=True)
        == "Testikaupunki – Henkilöstön oma käsikirja."
    )
    assert footer.select_one('a[href^="mailto:"]')["href"] == "mailto:palaute@testikaupunki.fi"
    style = home.find("style").get_text()
    for colour in (
        "--md-primary-fg-color: #1f4e79;",
        "--md-accent-fg-color: #b3125a;",
        "--md-typeset-a-color: #9ecbf2;",
        "--md-accent-fg-color: #f48fb1;",
    ):
        assert colour in style
    statement = " ".join(soup(branded_site, "saavutettavuusseloste/index.html").find("article").get_text(" ").split())
    assert "jota ylläpitää Testikaupunki" in statement
    assert "palaute@testikaupunki.fi" in statement and "https://intra.testikaupunki.fi/palaute" in statement
    assert "Sivusto täyttää osittain WCAG 2.1 -kriteeristön A- ja AA-tason vaatimukset." in statement
    assert (
        "Vanhat koulutusvideot : Videoilta puuttuvat tekstitykset. WCAG-kriteerit: 1.2.2 Tekstitys. "
        "Vaihtoehto: Videoiden käsikirjoitukset saa pyytämällä palauteosoitteesta."
    ) in statement


def test_the_colours_paint_the_header_and_links_in_both_palettes(branded_site, browser):
    from .browser import serve

    with serve(branded_site) as url:
        page = browser.new_page()
        page.goto(url + "saavutettavuusseloste/")
        header = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
        link = page.evaluate("getComputedStyle(document.querySelector('article a[href^=mailto]')).color")
        switch_to_dark(page)
        dark_link = page.evaluate("getComputedStyle(document.querySelector('article a[href^=mailto]')).color")
        page.close()
    assert (header, link, dark_link) == ("rgb(31, 78, 121)", "rgb(31, 78, 121)", "rgb(158, 203, 242)")


def test_the_shipped_settings_are_in_every_page(real_site):
    missing = []
    for path in page_paths(real_site):
        page = soup(real_site, path + "index.html" if path.endswith("/") or path == "" else path)
        links = [urljoin(f"http://intra/{path}", a["href"]) for a in page.select(".md-footer-meta a")]
        logo = page.select_one(".md-header__button.md-logo img")
        if (
            "http://intra/saavutettavuusseloste/" not in links
            or logo is None
            or logo.get("alt") != "Esimerkkiorganisaatio"
        ):
            missing.append(path)
    assert missing == []


@pytest.mark.site
def test_a_logo_without_alt_text_stops_the_build(tmp_path):
    project = branded_project(tmp_path, BRANDED.replace("      alt: Testikaupungin vaakuna\n", "      alt: ''\n"))
    result = build_branded(project)
    assert result.returncode != 0
    assert (
        textwrap.dedent("""\
        The site settings have errors; nothing was built.
        branded.yml: extra.organisation.logo.alt: expected the logo's text alternative (WCAG 1.1.1), e.g. the organisation's name, received ''
        1 error in the site settings.""")
        in result.stderr
    )
    assert not (project / "site").exists()


@pytest.mark.site
def test_colours_without_enough_contrast_stop_the_build(tmp_path):
    unreadable = BRANDED.replace('primary: "#1f4e79"', 'primary: "#7986cb"').replace(
        'dark_accent: "#f48fb1"', 'dark_accent: "#3d5afe"'
    )
    result = build_branded(branded_project(tmp_path, unreadable))
    assert result.returncode != 0
    assert (
        textwrap.dedent("""\
        branded.yml: extra.organisation.colours.primary: the primary colour (header, links) with white needs a contrast of at least 4.5:1 (WCAG 1.4.3), received #7986cb at 3.45:1 on #ffffff: try #5162bb
        branded.yml: extra.organisation.colours.dark_accent: the dark palette's accent colour needs a contrast of at least 4.5:1 (WCAG 1.4.3), received #3d5afe at 3.14:1 on #1e2129: try #899bfe
        2 errors in the site settings.""")
        in result.stderr
    )


class _IgnoreTags(yaml.SafeLoader):
    """mkdocs.yml uses !ENV; the settings under extra: have no tags."""


_IgnoreTags.add_multi_constructor("!", lambda loader, suffix, node: None)


def shipped_extra() -> dict:
    """A fresh copy of the shipped extra: settings, to spoil one thing at a time."""
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_IgnoreTags)["extra"]  # noqa: S506 (a SafeLoader subclass)


def report(extra: dict) -> list[str]:
    with pytest.raises(SettingsError) as caught:
        read_settings(extra)
    return caught.value.lines


def test_the_shipped_settings_are_valid():
    settings = read_settings(shipped_extra())
    assert settings.organisation.logo.alt == "Esimerkkiorganisaatio"
    assert settings.accessibility.supervisor.name == "Liikenne- ja viestintävirasto Traficom"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda e: e["organisation"].pop("name"),
            "mkdocs.yml: extra.organisation.name: expected this required setting, received nothing: add 'name:'",
        ),
        (
            lambda e: e["organisation"]["logo"].pop("alt"),
            "mkdocs.yml: extra.organisation.logo.alt: expected the logo's text alternative (WCAG 1.1.1), e.g. the organisation's name, received nothing",
        ),
        (
            lambda e: e["organisation"].update(feedback_email="palaute(at)example.fi"),
            "mkdocs.yml: extra.organisation.feedback_email: expected an e-mail address like 'palaute@example.fi', received 'palaute(at)example.fi'",
        ),
        (
            lambda e: e["organisation"]["colours"].update(primary="sininen"),
            "mkdocs.yml: extra.organisation.colours.primary: expected a colour like '#1f4e79', received 'sininen'",
        ),
        (
            lambda e: e["organisation"].update(fotter="x"),
            "mkdocs.yml: extra.organisation.fotter: unknown key 'fotter': did you mean 'footer'?",
        ),
        (
            lambda e: e["accessibility"].update(level="osittain"),
            "mkdocs.yml: extra.accessibility.shortcomings: expected the content that is not accessible for level 'osittain', received none: list it",
        ),
        (
            lambda e: e["accessibility"].update(shortcomings=[{"content": "Videot", "reason": "Ei tekstityksiä."}]),
            "mkdocs.yml: extra.accessibility.level: expected level 'osittain' when shortcomings are listed, received 'täyttää' with 1",
        ),
        (
            lambda e: e["accessibility"].update(reviewed_on="2026-01-01"),
            "mkdocs.yml: extra.accessibility.reviewed_on: expected a date on or after prepared_on 2026-11-23, received 2026-01-01",
        ),
        (
            lambda e: e["accessibility"].update(level="täysin"),
            "mkdocs.yml: extra.accessibility.level: expected one of 'täyttää', 'osittain' or 'ei', received 'täysin'",
        ),
        (
            lambda e: e["accessibility"].update(response_days=30),
            "mkdocs.yml: extra.accessibility.response_days: expected a number of at most 14, received 30 (a number)",
        ),
        (
            lambda e: e["accessibility"]["supervisor"].update(website="http://www.saavutettavuusvaatimukset.fi"),
            "mkdocs.yml: extra.accessibility.supervisor.website: expected an https:// address, received 'http://www.saavutettavuusvaatimukset.fi'",
        ),
    ],
)
def test_each_settings_mistake_has_its_exact_message(change, expected):
    extra = shipped_extra()
    change(extra)
    assert report(extra) == [expected]


def test_contrast_matches_the_wcag_reference_figures():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert round(contrast_ratio("#767676", "#ffffff"), 2) == 4.54
    assert round(contrast_ratio("#777777", "#ffffff"), 2) == 4.48
    assert contrast_ratio("#4051b5", "#ffffff") == contrast_ratio("#ffffff", "#4051b5")


def test_the_statement_has_every_item_the_law_asks_for(real_site):
    article = soup(real_site, "saavutettavuusseloste/index.html").find("article")
    headings = [h.get_text(" ", strip=True).rstrip("¶").strip() for h in article.find_all(["h1", "h2"])]
    assert headings == [
        "Saavutettavuusseloste",
        "Saavutettavuuden tila",
        "Sisällöt, jotka eivät ole saavutettavia",
        "Sisällöt, joita vaatimukset eivät koske",
        "Miten saavutettavuus on arvioitu",
        "Palaute",
        "Valvontaviranomainen",
    ]
    text = article.get_text(" ", strip=True)
    for item in (
        "Sivusto täyttää WCAG 2.1 -kriteeristön A- ja AA-tason vaatimukset.",
        "Arvioinnissa ei löytynyt sisältöä, joka ei olisi saavutettavaa.",
        "Lähdeluettelon linkittämät ulkopuoliset julkaisut",
        "Saavutettavuus on arvioitu viimeksi 23.11.2026.",
        "Seloste on laadittu 23.11.2026",
        "Vastaamme 14 päivän kuluessa.",
        "Liikenne- ja viestintävirasto Traficom",
        "Saavutettavuusvalvonta",
        "saavutettavuus@traficom.fi",
        "029 534 5000",
        "saavutettavuus@example.fi",
    ):
        assert item in text, item
    assert article.select_one('a[href="https://www.saavutettavuusvaatimukset.fi"]') is not None

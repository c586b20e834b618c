"""The handbook's plain modules without MkDocs: glossary explanations and the print view's order."""

from __future__ import annotations

from types import SimpleNamespace

from macros.glossary import abbreviations, explanation, keyboard_reachable
from macros.models import Catalogue, Term
from macros.print_view import PrintSection, print_items, record_groups
from macros.site import build_site

from .conftest import SMALL


def term(term_id: str, **fields) -> Term:
    return Term.model_validate({"id": term_id, **fields})


def test_explanation_is_the_term_and_the_first_sentence_of_its_definition():
    verme = term("verme", term="Verme", definition="Vakiintunut lyhenne.  Ryhmässä on\n6–8 kollegaa. Kolmas.")
    assert explanation(verme) == "Verme: Vakiintunut lyhenne."
    assert explanation(term("x", term="X", definition="Esim. tämä ei katkea. Tämä katkeaa.")) == "X: Esim. tämä ei katkea."


def test_abbreviations_cover_every_form_with_a_capital_and_a_terms_own_forms_win():
    catalogue = Catalogue()
    catalogue.terms["ryhma"] = term("ryhma", term="Vertaisryhmä", abbreviation="Verme", definition="Ryhmä.", forms=["vertaisryhmässä"])
    catalogue.terms["verme"] = term("verme", term="Verme", definition="Lyhenne.", forms=["Vermessä"])
    assert abbreviations(catalogue) == {
        "Vertaisryhmä": "Vertaisryhmä: Ryhmä.",
        "vertaisryhmässä": "Vertaisryhmä: Ryhmä.",
        "Vertaisryhmässä": "Vertaisryhmä: Ryhmä.",
        "Verme": "Verme: Lyhenne.",
        "Vermessä": "Verme: Lyhenne.",
    }


def test_only_the_first_use_outside_headings_and_links_keeps_its_explanation():
    html = (
        '<h2 id="a">Mikä on <abbr title="T: d">KerToi</abbr></h2>'
        '<p><abbr title="T: d">KerToi</abbr> ja <abbr title="T: d">KerToi</abbr>; '
        '<a href="x/"><abbr title="V: &quot;e&quot;">Verme</abbr></a> <abbr title="V: &quot;e&quot;">Verme</abbr></p>'
        '<article><abbr title="V: &quot;e&quot;">Verme</abbr></article>'
    )
    assert keyboard_reachable(html) == (
        '<h2 id="a">Mikä on KerToi</h2>'
        '<p><abbr tabindex="0" title="T: d">KerToi</abbr> ja KerToi; '
        '<a href="x/">Verme</a> <abbr tabindex="0" title="V: &quot;e&quot;">Verme</abbr></p>'
        '<article>Verme</article>'
    )


def test_print_view_turns_each_overview_into_a_chapter_of_its_pages():
    def page(uri, title=None):
        return SimpleNamespace(is_page=True, is_section=False, title=title, file=SimpleNamespace(src_uri=uri))

    home, catalogue, method, tag = page("index.md", "Etusivu"), page("menetelmat/index.md"), page("menetelmat/a.md"), page("menetelmat/vaihe/b.md")
    section = SimpleNamespace(is_page=False, is_section=True, title="Osa", children=[catalogue])
    items = print_items([home, section], {"menetelmat/index.md": [method, tag]})
    assert items[0] is home
    assert isinstance(items[1], PrintSection) and items[1].title == "Osa"
    chapter = items[1].children[0]
    assert chapter.is_section and chapter.children == [catalogue, method, tag]
    catalogue.title = "Menetelmät"  # a generated page knows its title only after rendering
    assert chapter.title == "Menetelmät"


def test_print_view_ends_with_the_pages_neither_the_navigation_nor_a_chapter_holds():
    def page(uri):
        return SimpleNamespace(is_page=True, is_section=False, title=uri, file=SimpleNamespace(src_uri=uri))

    home, overview, record, statement = page("index.md"), page("lahteet/index.md"), page("lahteet/a.md"), page("seloste.md")
    items = print_items([home, overview], {"lahteet/index.md": [record]}, [home, overview, record, statement])
    assert items[0] is home and items[1].children == [overview, record]
    assert items[2:] == [statement]


def test_record_groups_follow_reading_order_with_tag_pages_after_the_methods():
    groups = record_groups(build_site(SMALL))
    assert groups["menetelmat/index.md"][:4] == [
        "menetelmat/aikajana.md", "menetelmat/kuulumiskierros.md", "menetelmat/palautekierros.md", "menetelmat/sosiodraama.md",
    ]
    assert groups["menetelmat/index.md"][4:6] == ["menetelmat/vaihe/aloitus.md", "menetelmat/vaihe/tyoskentely.md"]
    assert groups["kasitteet/index.md"] == ["kasitteet/verme.md"]
    assert groups["tapaamispohjat/index.md"] == ["tapaamispohjat/teematapaaminen.md"]

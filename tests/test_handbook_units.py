"""The handbook's plain modules without MkDocs: glossary explanations, the print view's order and its one page."""

from __future__ import annotations

from types import SimpleNamespace

from macros.glossary import abbreviations, explanation
from macros.models import Catalogue, Term
from macros.print_view import CombinedPage, PrintSection, combine, contents_html, page_key, print_items, record_groups
from macros.site import build_site

from .conftest import SMALL


def term(term_id: str, **fields) -> Term:
    return Term.model_validate({"id": term_id, **fields})


def test_explanation_is_the_term_and_the_first_sentence_of_its_definition():
    verme = term("verme", term="Verme", definition="Vakiintunut lyhenne.  Ryhmässä on\n6–8 kollegaa. Kolmas.")
    assert explanation(verme) == "Verme: Vakiintunut lyhenne."
    assert (
        explanation(term("x", term="X", definition="Esim. tämä ei katkea. Tämä katkeaa.")) == "X: Esim. tämä ei katkea."
    )


def test_abbreviations_cover_every_form_with_a_capital_and_a_terms_own_forms_win():
    catalogue = Catalogue()
    catalogue.terms["ryhma"] = term(
        "ryhma", term="Vertaisryhmä", abbreviation="Verme", definition="Ryhmä.", forms=["vertaisryhmässä"]
    )
    catalogue.terms["verme"] = term("verme", term="Verme", definition="Lyhenne.", forms=["Vermessä"])
    assert abbreviations(catalogue) == {
        "Vertaisryhmä": "Vertaisryhmä: Ryhmä.",
        "vertaisryhmässä": "Vertaisryhmä: Ryhmä.",
        "Vertaisryhmässä": "Vertaisryhmä: Ryhmä.",
        "Verme": "Verme: Lyhenne.",
        "Vermessä": "Verme: Lyhenne.",
    }


def test_only_the_first_use_outside_headings_and_links_keeps_its_explanation():
    import markdown

    text = "## Mikä on KerToi\n\nKerToi ja KerToi; [Verme](x/) Verme\n\n<div markdown>\nVerme\n</div>\n"
    glossary = {"KerToi": "T: d", "Verme": 'V: "e"'}
    rendered = markdown.markdown(
        text,
        extensions=["abbr", "md_in_html", "macros.glossary_pattern"],
        extension_configs={"abbr": {"glossary": glossary}},
    )
    assert rendered == (
        "<h2>Mikä on KerToi</h2>\n"
        '<p><abbr tabindex="0" title="T: d">KerToi</abbr> ja KerToi; '
        '<a href="x/">Verme</a> <abbr tabindex="0" title="V: &quot;e&quot;">Verme</abbr></p>\n'
        "<div>\n<p>Verme</p>\n</div>"
    )


def test_print_view_turns_each_overview_into_a_chapter_of_its_pages():
    def page(uri, title=None):
        return SimpleNamespace(is_page=True, is_section=False, title=title, file=SimpleNamespace(src_uri=uri))

    home, catalogue, method, tag = (
        page("index.md", "Etusivu"),
        page("menetelmat/index.md"),
        page("menetelmat/a.md"),
        page("menetelmat/vaihe/b.md"),
    )
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

    home, overview, record, statement = (
        page("index.md"),
        page("lahteet/index.md"),
        page("lahteet/a.md"),
        page("seloste.md"),
    )
    items = print_items([home, overview], {"lahteet/index.md": [record]}, [home, overview, record, statement])
    assert items[0] is home and items[1].children == [overview, record]
    assert items[2:] == [statement]


def test_record_groups_follow_reading_order_with_tag_pages_after_the_methods():
    groups = record_groups(build_site(SMALL))
    assert groups["menetelmat/index.md"][:4] == [
        "menetelmat/aikajana.md",
        "menetelmat/kuulumiskierros.md",
        "menetelmat/palautekierros.md",
        "menetelmat/sosiodraama.md",
    ]
    assert groups["menetelmat/index.md"][4:6] == ["menetelmat/vaihe/aloitus.md", "menetelmat/vaihe/tyoskentely.md"]
    assert groups["kasitteet/index.md"] == ["kasitteet/verme.md"]
    assert groups["tapaamispohjat/index.md"] == ["tapaamispohjat/teematapaaminen.md"]


# ---------------------------------------------------------------- the whole handbook on one page


def built_page(uri: str, url: str, title: str, content: str):
    return SimpleNamespace(
        is_page=True, is_section=False, url=url, title=title, content=content, file=SimpleNamespace(src_uri=uri)
    )


def test_page_keys_are_the_address_with_hyphens():
    assert [
        page_key(u) for u in ("", "index.html", "menetelmat/aikajana/", "menetelmat/aikajana.html", "a/index.html")
    ] == ["index", "index", "menetelmat-aikajana", "menetelmat-aikajana", "a"]


def test_a_printed_page_keeps_its_ids_apart_and_its_links_inside_the_combined_page():
    combined = CombinedPage("koko-kasikirja/", ["", "menetelmat/aikajana/", "menetelmat/"])
    html = (
        '<h1 id="aikajana">Aikajana</h1><h2 id="vaiheet">Vaiheet<a class="headerlink" href="#vaiheet">¶</a></h2>'
        '<label for="x" aria-describedby="vaiheet ohje">L</label>'
        '<a href="../">Menetelmät</a> <a href="../../#polut">Etusivu</a> <a href="../../index.html">Koti</a>'
        '<a href="../../suunnittelija/#pohja=eka">Suunnittelija</a> <a href="../../assets/kuva.png">kuva</a>'
        '<img alt="" src="../kuva.svg"> <a href="https://example.fi/a/">ulos</a> <a href="mailto:a@example.fi">posti</a>'
        '<p>Teksti, jossa lukee id="ei" ja href="../".</p>'
    )
    assert combined.section(html, "menetelmat/aikajana/") == (
        '<section class="verme-print-page" id="menetelmat-aikajana">'
        '<h1 id="menetelmat-aikajana--aikajana">Aikajana</h1>'
        '<h2 id="menetelmat-aikajana--vaiheet">Vaiheet<a class="headerlink" href="#menetelmat-aikajana--vaiheet">¶</a></h2>'
        '<label for="menetelmat-aikajana--x" aria-describedby="menetelmat-aikajana--vaiheet menetelmat-aikajana--ohje">L</label>'
        '<a href="#menetelmat">Menetelmät</a> <a href="#index--polut">Etusivu</a> <a href="#index">Koti</a>'
        '<a href="../suunnittelija/#pohja=eka">Suunnittelija</a> <a href="../assets/kuva.png">kuva</a>'
        '<img alt="" src="../menetelmat/kuva.svg"> <a href="https://example.fi/a/">ulos</a> <a href="mailto:a@example.fi">posti</a>'
        '<p>Teksti, jossa lukee id="ei" ja href="../".</p>'
        "</section>"
    )


def test_the_combined_page_follows_the_chapters_and_leaves_out_what_it_must():
    home = built_page("index.md", "", "Etusivu", "<h1>Koti</h1>")
    overview = built_page("menetelmat/index.md", "menetelmat/", "Menetelmät", '<h1 id="m">Menetelmät</h1>')
    # A title from an h1 comes as HTML, entities escaped; one from mkdocs.yml comes as written.
    method = built_page(
        "menetelmat/a.md", "menetelmat/a/", "A &lt;b&gt; <code>c</code>", '<p><a href="../">takaisin</a></p>'
    )
    planner = built_page("suunnittelija/index.md", "suunnittelija/", "Suunnittelija", "<p>x</p>")
    unbuilt = built_page("vanha.md", "vanha/", "Vanha", "")  # not rebuilt by a dirty build
    part = SimpleNamespace(is_page=False, is_section=True, title="Osa & muut", children=[planner, unbuilt])
    items = [home, PrintSection([overview, method]), part]
    body, contents = combine(items, "koko/", excluded=("suunnittelija/",))
    assert body == (
        '<section class="verme-print-page" id="index"><h1>Koti</h1></section>'
        '<section class="verme-print-chapter" id="osa-2">'
        '<section class="verme-print-page" id="menetelmat"><h1 id="menetelmat--m">Menetelmät</h1></section>'
        '<section class="verme-print-page" id="menetelmat-a"><p><a href="#menetelmat">takaisin</a></p></section>'
        "</section>"
        '<section class="verme-print-chapter" id="osa-3"><h1>Osa &amp; muut</h1></section>'
    )
    assert contents == [
        (0, "Etusivu", "index"),
        (0, "Menetelmät", "menetelmat"),
        (1, "A &lt;b&gt; <code>c</code>", "menetelmat-a"),
        (0, "Osa & muut", "osa-3"),
    ]
    assert contents_html(contents, "Sisällys") == (
        '<nav class="verme-print-toc" aria-labelledby="verme-print-toc-title"><h2 id="verme-print-toc-title">Sisällys</h2>'
        '<ul><li><a href="#index">Etusivu</a></li><li><a href="#menetelmat">Menetelmät</a>'
        '<ul><li><a href="#menetelmat-a">A &lt;b&gt; c</a></li></ul></li>'
        '<li><a href="#osa-3">Osa &amp; muut</a></li></ul></nav>'
    )

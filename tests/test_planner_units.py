"""The planner's pure modules run in Node and checked with Python's own parsers: the .ics with `icalendar`,
the YAML session template with our curriculum loader, share links and stored plans against hostile input.
"""

from __future__ import annotations

import base64
import json
import subprocess
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar

from macros.errors import CurriculumError
from macros.load import load_catalogue, session_plan
from macros.planner_index import build_index
from macros.site import build_site
from macros.timing import facts_from_index, facts_from_method, parse_clock, schedule

from .conftest import ROOT, SMALL, write_curriculum

RUNNER = ROOT / "tests" / "js" / "run_planner_cases.mjs"
INDEX = build_index(build_site(SMALL), lambda uri: uri)
NOW = "2025-01-02T03:04:05Z"
BROKEN = (
    "Jakolinkki on katkennut tai muuttunut matkalla, joten suunnitelmaa ei voitu lukea. Pyydä lähettäjältä uusi linkki."
)
NOT_A_LINK = "Linkki ei ole tapaamisen suunnittelijan jakolinkki, joten sitä ei avattu."
INVALID = "Jakolinkin suunnitelma ei kelpaa, joten sitä ei avattu: "
HOSTILE = 'Ilta: "ryhmä" #1 – {{ config }} <b>x</b> \\ yes; a, b'


def plan(**fields) -> dict:
    base = {
        "name": "Teemailta",
        "group": "",
        "purpose": "Kahden tunnin tapaaminen.",
        "date": "2025-03-12",
        "start": "13.00",
        "end": "15.30",
        "mode": "lähi",
        "group_size": 6,
        "blocks": [
            {"method": "kuulumiskierros"},
            {"method": "aikajana", "minutes": 45},
            {"break": "Tauko", "minutes": 15},
            {"method": "palautekierros"},
        ],
    }
    return {**base, **fields}


def run(jobs: list[dict], tmp_path: Path, index: dict = INDEX) -> list[dict]:
    path = tmp_path / "jobs.json"
    path.write_text(json.dumps({"index": index, "jobs": jobs}, ensure_ascii=False), encoding="utf-8")
    result = subprocess.run(["node", str(RUNNER), str(path)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def exports(tmp_path: Path, the_plan: dict) -> dict:
    return run([{"do": "exports", "plan": the_plan, "now": NOW, "uid": "abc123"}], tmp_path)[0]


def link(data: object) -> str:
    raw = data if isinstance(data, bytes) else json.dumps(data, ensure_ascii=False).encode("utf-8")
    return "#suunnitelma=" + base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def read_links(tmp_path: Path, hashes: list[str]) -> list[dict]:
    return run([{"do": "read_share", "hash": h} for h in hashes], tmp_path)


# ---------------------------------------------------------------- .ics


def test_ics_is_one_valid_event_in_helsinki_time(tmp_path):
    text = exports(tmp_path, plan(name=HOSTILE, purpose="Rivi 1\nRivi 2"))["ics"]
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))
    calendar = Calendar.from_ical(text)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    [event] = calendar.walk("VEVENT")
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert (start.replace(tzinfo=None), end.replace(tzinfo=None)) == (
        datetime(2025, 3, 12, 13, 0),
        datetime(2025, 3, 12, 14, 30),
    )
    assert event["DTSTART"].params["TZID"] == "Europe/Helsinki" and start.utcoffset() == timedelta(hours=2)
    assert str(event["SUMMARY"]) == HOSTILE
    assert str(event["DESCRIPTION"]).startswith("Rivi 1\nRivi 2\n\n13.00–13.18 Kuulumiskierros\n13.18–14.03 Aikajana")
    assert str(event["UID"]) == "abc123-1@verme-kasikirja"
    assert event.decoded("DTSTAMP") == datetime(2025, 1, 2, 3, 4, 5, tzinfo=event.decoded("DTSTAMP").tzinfo)


def test_ics_has_an_event_per_day_and_summer_time(tmp_path):
    days = plan(
        date="2025-06-30",
        blocks=[
            {"method": "kuulumiskierros"},
            {"method": "aikajana", "minutes": 60},
            {"new_day": "23.30"},
            {"method": "aikajana", "minutes": 45},
            {"method": "palautekierros"},
        ],
    )
    events = Calendar.from_ical(exports(tmp_path, days)["ics"]).walk("VEVENT")
    assert [str(event["SUMMARY"]) for event in events] == ["Teemailta (1/2)", "Teemailta (2/2)"]
    second_start, second_end = events[1].decoded("DTSTART"), events[1].decoded("DTEND")
    # Day 2 starts 23.30 on 1 July and runs past midnight: 23.30 + 45 + 12 min = 0.27 on 2 July.
    assert second_start.replace(tzinfo=None) == datetime(2025, 7, 1, 23, 30)
    assert second_end.replace(tzinfo=None) == datetime(2025, 7, 2, 0, 27)
    assert second_start.utcoffset() == timedelta(hours=3)
    assert len({str(event["UID"]) for event in events}) == 2


# ---------------------------------------------------------------- YAML session template


def load_exported(tmp_path: Path, text: str, stem: str):
    root = write_curriculum(tmp_path, {f"sessions/{stem}.yml": text})
    return load_catalogue(root).sessions[stem]


def test_yaml_is_a_session_template_the_loader_accepts(tmp_path):
    blocks: list[dict[str, Any]] = [
        {
            "activity": "Tervetuloa: kahvi & pulla",
            "minutes": 10,
            "phase": "aloitus",
            "debrief": True,
            "notes": 'Huomio: "yes" #ei-kommentti\nToinen rivi\u2028kolmas \x85 \x7f',
        },
        {"method": "kuulumiskierros"},
        {"method": "aikajana", "minutes": 40, "at": "13.30", "notes": "{{ config }} <script>alert(1)</script>"},
        {"break": "yes", "minutes": 10},
        {"new_day": "9.00", "notes": "Toinen päivä"},
        {"activity": "123", "minutes": 5},
        {"method": "palautekierros"},
    ]
    the_plan = plan(name=HOSTILE, purpose="Tarkoitus: testata.  ", blocks=blocks)
    out = run([{"do": "exports", "plan": the_plan, "now": NOW, "uid": "x"}], tmp_path)[0]
    assert out["yaml"].splitlines()[1].endswith("nimellä ilta-ryhma-1-config-b-x-b-yes-a-b.yml.")
    session = load_exported(tmp_path, out["yaml"], "ilta-ryhma-1-config-b-x-b-yes-a-b")
    assert session.title == HOSTILE and session.purpose == "Tarkoitus: testata."
    assert (session.mode, session.group_size, session.start, session.end) == ("lähi", 6, "13.00", "15.30")
    assert session_plan(session)["blocks"] == [
        {**b, "notes": b["notes"].strip()} if "notes" in b else b for b in blocks
    ]


def test_exported_template_gets_the_same_clock_times_from_the_handbook(tmp_path):
    out = exports(tmp_path, plan())
    catalogue = load_catalogue(write_curriculum(tmp_path, {"sessions/teemailta.yml": out["yaml"]}))
    facts = {method_id: facts_from_method(method) for method_id, method in catalogue.methods.items()}
    timed = schedule(session_plan(catalogue.sessions["teemailta"]), facts)
    rows = [line for line in out["markdown"].splitlines() if line.startswith("| 1")]
    assert [row.split(" | ")[0].strip("| ") for row in rows] == [
        f"{b.start // 60}.{b.start % 60:02d}–{b.end // 60}.{b.end % 60:02d}" for b in timed.blocks
    ]


def test_a_template_with_warnings_is_refused_by_the_loader_with_the_same_rule(tmp_path):
    out = exports(tmp_path, plan(blocks=[{"method": "kuulumiskierros"}, {"method": "sosiodraama", "minutes": 45}]))
    with pytest.raises(CurriculumError) as caught:
        load_exported(tmp_path, out["yaml"], "teemailta")
    assert [error.message for error in caught.value.errors] == [
        "expected a closing block (a method or activity with phase 'lopetus'), received none",
        "the template ends with the high-intensity method 'Sosiodraama': add a calmer closing block after it",
    ]


# ---------------------------------------------------------------- Markdown


def test_markdown_is_an_agenda_table_with_escaped_text(tmp_path):
    blocks = [{"method": "kuulumiskierros", "notes": "a | b <script>"}, {"method": "sosiodraama", "minutes": 45}]
    text = exports(tmp_path, plan(name="Ilta | *tähti*", blocks=blocks))["markdown"]
    lines = text.splitlines()
    assert lines[0] == "# Ilta \\| \\*tähti\\*"
    assert "- Päivämäärä: 12.3.2025" in lines and "- Aika: klo 13.00–14.03 (1 h 3 min)" in lines
    assert "| 13.00–13.18 | 18 min | Kuulumiskierros | a \\| b &lt;script&gt; |" in lines
    # Sentences need no escapes: "lopetus." and "(esimerkiksi …)" read as written.
    assert lines[lines.index("## Varoitukset") + 2 :] == [
        "- Tapaaminen päättyy voimakkaita tunteita herättävään menetelmään ”Sosiodraama”: lisää sen jälkeen rauhoittava lopetus.",
        "- Suunnitelmasta puuttuu lopetus (esimerkiksi palautekierros).",
    ]


def test_markdown_reads_as_written_and_a_renderer_shows_exactly_the_text(tmp_path):
    import markdown
    from bs4 import BeautifulSoup

    notes = "Rivi yksi\rrivi kaksi\r\nrivi kolme\u2028neljä | <b>ei</b> *tähti* [linkki](x) `koodi` {: .luokka}"
    purpose = "3. tapaaminen alkaa näin.\n- ei luettelo\n# ei otsikko"
    the_plan = plan(
        name="Syksyn 3. tapaaminen (teema: luottamus) #1!",
        purpose=purpose,
        blocks=[
            {"method": "kuulumiskierros", "notes": notes},
            {"method": "aikajana", "minutes": 45},
            {"break": "Tauko", "minutes": 15},
            {"method": "palautekierros"},
        ],
    )
    text = exports(tmp_path, the_plan)["markdown"]
    lines = text.splitlines()
    # No escape where Markdown would read nothing: the name and the purpose's sentences read as written.
    assert lines[0] == "# Syksyn 3. tapaaminen (teema: luottamus) #1!"
    assert "3\\. tapaaminen alkaa näin.<br>\\- ei luettelo<br>\\# ei otsikko" in lines
    # Every line break of a note stays in its cell: the table keeps one row per block.
    rows = [line for line in lines if line.startswith("| 1")]
    assert len(rows) == 4 and rows[0].count("<br>") == 3
    # Steps and materials of each method, and the whole meeting's materials.
    assert "## Tarvikkeet" in lines and "## Menetelmien kulku" in lines
    assert "### 13.18–14.03 Aikajana" in lines and "Tarvikkeet: paperia, kyniä" in lines
    html = BeautifulSoup(markdown.markdown(text, extensions=["tables", "attr_list"]), "html.parser")
    assert html.h1.get_text() == the_plan["name"]
    assert (
        next(p.get_text("\n") for p in html.find_all("p")) == "3. tapaaminen alkaa näin.\n- ei luettelo\n# ei otsikko"
    )
    cell = html.find("tbody").find("tr").find_all("td")[3]
    assert (
        cell.get_text("\n")
        == "Rivi yksi\nrivi kaksi\nrivi kolme\nneljä | <b>ei</b> *tähti* [linkki](x) `koodi` {: .luokka}"
    )
    assert (
        html.find("tbody").find_all("tr").__len__() == 4
        and not html.find("b")
        and not html.find("a")
        and not html.find("code")
    )


# ---------------------------------------------------------------- share links


def test_a_share_link_round_trips_without_the_group(tmp_path):
    original = plan(
        name=HOSTILE,
        group="Oulun ryhmä",
        blocks=[
            *plan()["blocks"],
            {"new_day": "9.00"},
            {"activity": "Ääkköset åäö 😀", "minutes": 5, "phase": "lopetus"},
        ],
    )
    fragment = run([{"do": "share", "plan": original}], tmp_path)[0]["fragment"]
    [read] = read_links(tmp_path, ["#" + fragment])
    assert read["plan"] == {**original, "group": ""} and read["unknownMethods"] == []


def test_unknown_methods_are_left_out_and_named(tmp_path):
    [read] = read_links(
        tmp_path,
        [link({"v": 1, "plan": plan(blocks=[{"method": "kuulumiskierros"}, {"method": "olematon", "minutes": 5}])})],
    )
    assert read["unknownMethods"] == ["olematon"] and read["plan"]["blocks"] == [{"method": "kuulumiskierros"}]


HOSTILE_LINKS = {
    "script-in-the-fragment": ("#suunnitelma=<script>alert(1)</script>", BROKEN),
    "percent-encoded": ("#suunnitelma=%3Cscript%3E", BROKEN),
    "not-json": (link(b"{'v': 1"), BROKEN),
    "not-utf8": (link(b'{"v":1,"plan":"\xff"}'), BROKEN),
    "impossible-length": ("#suunnitelma=abcde", BROKEN),
    "empty": ("#suunnitelma=", "Jakolinkissä ei ole suunnitelmaa."),
    "too-long": (
        "#suunnitelma=" + "A" * 30_001,
        "Jakolinkki on liian pitkä (yli 30\u00a0000 merkkiä), joten sitä ei avattu.",
    ),
    "a-list": (link([1, 2]), NOT_A_LINK),
    "no-plan": (link({"v": 1}), NOT_A_LINK),
    "older-version": (
        link({"v": 0, "plan": plan()}),
        "Jakolinkki on tehty suunnittelijan vanhalla versiolla (0), jota ei enää tueta. Pyydä lähettäjältä uusi linkki.",
    ),
    "newer-version": (
        link({"v": 2, "plan": {}}),
        "Jakolinkki on tehty suunnittelijan uudemmalla versiolla (2), jota tämä sivu ei osaa lukea. Lataa sivu uudelleen, niin saat uusimman version.",
    ),
    "version-as-text": (link({"v": "1", "plan": plan()}), NOT_A_LINK),
    "proto-key": (
        "#suunnitelma="
        + base64.urlsafe_b64encode(json.dumps({"v": 1, "plan": plan()})[:-2].encode() + b', "__proto__": {"x": 1}}}')
        .decode()
        .rstrip("="),
        INVALID + "tuntematon kenttä ”__proto__”.",
    ),
    "wrong-types": (
        link({"v": 1, "plan": plan(group_size="6", start="25.00")}),
        INVALID
        + "alkamisaika: odotettiin kellonaikaa kuten 9.15; ryhmän koko: odotettiin kokonaislukua väliltä 1–100.",
    ),
    "two-kinds-in-a-block": (
        link({"v": 1, "plan": plan(blocks=[{"method": "aikajana", "break": "x", "minutes": 5}])}),
        INVALID
        + "ohjelmakohta 1: odotettiin täsmälleen yhtä lajia: menetelmä, oma ohjelmakohta, tauko tai uusi päivä.",
    ),
    "bad-block-fields": (
        link({"v": 1, "plan": plan(blocks=[{"activity": " ", "minutes": 0, "phase": "x", "onclick": "y"}])}),
        INVALID
        + "ohjelmakohta 1, tuntematon kenttä ”onclick”; ohjelmakohta 1, ohjelmakohta: odotettiin ei-tyhjää tekstiä, enintään 200 merkkiä; ohjelmakohta 1, kesto: odotettiin kokonaislukua väliltä 1–1440 (ja 1 muuta virhettä).",
    ),
    "too-many-blocks": (
        link({"v": 1, "plan": plan(blocks=[{"method": "kuulumiskierros"}] * 101)}),
        INVALID + "ohjelma: odotettiin listaa, jossa on enintään 100 ohjelmakohtaa.",
    ),
    "bad-method-id": (
        link({"v": 1, "plan": plan(blocks=[{"method": "../../etc"}])}),
        INVALID + "ohjelmakohta 1, menetelmä: odotettiin menetelmän tunnusta.",
    ),
    "bad-date": (
        link({"v": 1, "plan": plan(date="2025-02-30")}),
        INVALID + "päivämäärä: odotettiin päivämäärää muodossa vvvv-kk-pp.",
    ),
    "debrief-as-text": (
        link({"v": 1, "plan": plan(blocks=[{"activity": "Purku", "minutes": 5, "debrief": "yes"}])}),
        INVALID + "ohjelmakohta 1, purku: odotettiin tosi tai epätosi.",
    ),
}


def test_hostile_share_links_give_a_clear_finnish_message(tmp_path):
    results = read_links(tmp_path, [hash_ for hash_, _ in HOSTILE_LINKS.values()])
    for (name, (_, message)), result in zip(HOSTILE_LINKS.items(), results, strict=True):
        assert (name, result.get("kind"), result.get("error")) == (name, "ShareError", message)


def test_markup_in_a_share_link_is_only_text(tmp_path):
    name = '<img src=x onerror="alert(1)">'
    [read] = read_links(tmp_path, [link({"v": 1, "plan": plan(name=name)})])
    assert read["plan"]["name"] == name


def test_a_template_fragment_is_told_apart_from_a_share_link(tmp_path):
    results = run(
        [{"do": "read_share", "hash": "#suunnitelma=" + link({"v": 1, "plan": plan()}).split("=", 1)[1]}], tmp_path
    )
    assert results[0]["found"]["share"] and "error" not in results[0]


# ---------------------------------------------------------------- odd links

PAYLOAD = link({"v": 1, "plan": plan()}).split("=", 1)[1]
MISSING_PLAN = "Linkistä puuttuu itse suunnitelma: tunnisteen ”suunnitelma” perässä pitäisi olla =-merkki ja pitkä merkkijono. Linkki on ehkä katkennut kopioitaessa; pyydä lähettäjältä uusi linkki."
MISSING_TEMPLATE = "Linkistä puuttuu tapaamispohjan tunnus (esimerkiksi ”#pohja=teematapaaminen”), joten pohjaa ei avattu. Valitse pohja luettelosta."


def bent(what: str, how: str) -> str:
    return f"Linkki oli muuttunut matkalla ({how}), mutta {what} saatiin silti avattua."


# The ten ways a link reaches the planner bent (issue 15, item 7), and what the planner makes of each.
ODD_LINKS = {
    "no-equals": ("#suunnitelma", {"problem": MISSING_PLAN}),
    "truncated-key": (
        "#suunnitel",
        {
            "problem": "Linkin tunniste ”suunnitel” on vajaa (pitäisi olla ”suunnitelma”), joten linkkiä ei avattu. Linkki on ehkä katkennut kopioitaessa; pyydä lähettäjältä koko linkki."
        },
    ),
    "capital-key": (
        "#Suunnitelma=" + PAYLOAD,
        {"share": PAYLOAD, "notice": bent("suunnitelma", "tunniste oli kirjoitettu ”Suunnitelma” eikä ”suunnitelma”")},
    ),
    "upper-case-template": (
        "#POHJA=teematapaaminen",
        {
            "template": "teematapaaminen",
            "notice": bent("tapaamispohja", "tunniste oli kirjoitettu ”POHJA” eikä ”pohja”"),
        },
    ),
    "space-before-equals": (
        "#suunnitelma =" + PAYLOAD,
        {"share": PAYLOAD, "notice": bent("suunnitelma", "tunnisteen ympärillä oli välilyönti")},
    ),
    "space-as-the-browser-writes-it": (
        "#suunnitelma%20=" + PAYLOAD,
        {"share": PAYLOAD, "notice": bent("suunnitelma", "tunnisteen ympärillä oli välilyönti")},
    ),
    "percent-encoded-key": (
        "#suunnitelma%3D" + PAYLOAD,
        {"share": PAYLOAD, "notice": bent("suunnitelma", "tunniste oli prosenttikoodattu")},
    ),
    "question-mark": (
        "#?suunnitelma=" + PAYLOAD,
        {"share": PAYLOAD, "notice": bent("suunnitelma", "alussa oli ylimääräinen ”?”")},
    ),
    "template-without-id": ("#pohja", {"problem": MISSING_TEMPLATE}),
    "parameter-before": (
        "#utm_source=posti&suunnitelma=" + PAYLOAD,
        {
            "share": PAYLOAD,
            "notice": bent("suunnitelma", "linkissä oli myös muu osa (”utm_source=posti”), joka jätettiin huomiotta"),
        },
    ),
    "parameter-after": (
        "#pohja=teematapaaminen&fbclid=x1",
        {
            "template": "teematapaaminen",
            "notice": bent("tapaamispohja", "linkissä oli myös muu osa (”fbclid=x1”), joka jätettiin huomiotta"),
        },
    ),
    "empty-template-id": ("#pohja=", {"problem": MISSING_TEMPLATE}),
    "course-without-equals": (
        "#sarja",
        {
            "problem": "Linkistä puuttuu itse tapaamissarja: tunnisteen ”sarja” perässä pitäisi olla =-merkki ja pitkä merkkijono. Linkki on ehkä katkennut kopioitaessa; pyydä lähettäjältä uusi linkki."
        },
    ),
    # Not ours: a heading's anchor, an empty fragment, a word that only starts like a key.
    "heading-anchor": ("#tapaamisen-suunnittelija", None),
    "empty": ("#", None),
    "short-prefix": ("#po", None),
    "exact-plan": ("#suunnitelma=" + PAYLOAD, {"share": PAYLOAD}),
}


def test_every_odd_link_is_read_or_gets_a_finnish_message(tmp_path):
    results = run([{"do": "read_fragment", "hash": hash_} for hash_, _ in ODD_LINKS.values()], tmp_path)
    assert {name: result["found"] for name, result in zip(ODD_LINKS, results, strict=True)} == {
        name: expected for name, (_, expected) in ODD_LINKS.items()
    }


# ---------------------------------------------------------------- stored plans


def store(*plans: dict, current: str | None = None) -> dict:
    return {"verme-suunnittelija": json.dumps({"version": 1, "current": current, "plans": list(plans)})}


def set_aside(storage: dict) -> dict:
    return {key: value for key, value in storage.items() if key.startswith("verme-suunnittelija/sivuun/")}


def test_stored_plans_load_and_the_current_one_is_remembered(tmp_path):
    [loaded] = run(
        [
            {
                "do": "load_store",
                "items": store({"id": "a1", **plan()}, {"id": "b2", **plan(name="Toinen")}, current="b2"),
            }
        ],
        tmp_path,
    )
    assert (
        [p["name"] for p in loaded["plans"]] == ["Teemailta", "Toinen"]
        and loaded["currentId"] == "b2"
        and loaded["notices"] == []
    )


def test_corrupt_storage_is_set_aside_not_lost(tmp_path):
    [loaded] = run([{"do": "load_store", "items": {"verme-suunnittelija": '{"version": 1, "plans": [tyhjä'}}], tmp_path)
    [(key, raw)] = set_aside(loaded["storage"]).items()
    assert raw == '{"version": 1, "plans": [tyhjä' and loaded["plans"] == []
    assert loaded["notices"] == [
        f"Selaimeen tallennetut suunnitelmat olivat vioittuneet, joten ne siirrettiin sivuun avaimella ”{key}”. Aloitetaan tyhjästä suunnitelmasta."
    ]


def test_one_corrupt_plan_is_set_aside_and_the_others_kept(tmp_path):
    bad = {"id": "b2", **plan(name="Rikki", group_size="kuusi")}
    unknown = {"id": "c3", **plan(name="Vanha", blocks=[{"method": "poistettu"}, {"method": "kuulumiskierros"}])}
    [loaded] = run([{"do": "load_store", "items": store({"id": "a1", **plan()}, bad, unknown, current="b2")}], tmp_path)
    assert [p["id"] for p in loaded["plans"]] == ["a1", "c3"] and loaded["currentId"] == "a1"
    assert loaded["plans"][1]["blocks"] == [{"method": "kuulumiskierros"}]
    keys = sorted(set_aside(loaded["storage"]), key=lambda key: int(key.rsplit("-", 1)[1]))
    assert [json.loads(loaded["storage"][key]) for key in keys] == [bad, unknown]
    assert loaded["notices"] == [
        f"Tallennettu suunnitelma ”Rikki” oli vioittunut (ryhmän koko: odotettiin kokonaislukua väliltä 1–100), joten se siirrettiin sivuun avaimella ”{keys[0]}”.",
        f"Suunnitelmasta ”Vanha” jätettiin pois menetelmät, joita käsikirjassa ei enää ole (poistettu). Alkuperäinen on tallessa avaimella ”{keys[1]}”.",
    ]


HELD = (
    ", koska selaimen tallennustila on täynnä. Ne ovat yhä selaimessa sellaisinaan, eikä suunnittelija tallenna mitään niiden päälle. "
    "Lataa ne tiedostona talteen. Kun olet vapauttanut tilaa, esimerkiksi poistamalla sivuun siirrettyjä kopioita, valitse ”Yritä siirtää uudelleen”. "
    "Jos tilaa ei saa vapaaksi, voit poistaa ne selaimesta, kun tiedosto on tallessa."
)


def test_a_full_storage_holds_a_big_store_instead_of_writing_over_it(tmp_path):
    # 1,700 plans, about 3 MB, one of them spoilt: its copy does not fit, so nothing may be written.
    plans = [{"id": f"p{number}", **plan(name=f"Tapaaminen {number}", purpose="x" * 1700)} for number in range(1700)]
    plans[5] = {**plans[5], "group_size": "kuusi"}
    items = store(*plans, current="p0")
    size = len(items["verme-suunnittelija"])
    assert size > 3_000_000
    [loaded] = run([{"do": "load_store", "items": items, "quota": size + 2000, "edit": True}], tmp_path)
    assert loaded["storage"] == items and loaded["held"] == items["verme-suunnittelija"]
    assert len(loaded["plans"]) == 1699 and loaded["currentId"] == "p0"
    assert loaded["saved"] == "Muutoksia ei tallenneta selaimeen, jotta aiemmin tallennetut suunnitelmat eivät katoa."
    assert loaded["notices"] == [
        "Osa selaimeen tallennetuista suunnitelmista on vioittunut, eikä niitä voitu siirtää sivuun" + HELD,
        "Tallennettu suunnitelma ”Tapaaminen 5” oli vioittunut (ryhmän koko: odotettiin kokonaislukua väliltä 1–100).",
    ]


def test_a_full_storage_holds_garbage_and_takes_back_the_copies_that_fitted(tmp_path):
    garbage = "ö{" * 1_750_000
    [loaded] = run(
        [{"do": "load_store", "items": {"verme-suunnittelija": garbage}, "quota": len(garbage) + 100, "edit": True}],
        tmp_path,
    )
    assert loaded["storage"] == {"verme-suunnittelija": garbage} and loaded["held"] == garbage and loaded["plans"] == []
    assert loaded["notices"] == [
        "Selaimeen tallennetut suunnitelmat ovat vioittuneet, eikä niitä voitu siirtää sivuun" + HELD
    ]
    # Two copies to set aside and room for one: the one that fitted is taken back, the store is held.
    bad = {"id": "b2", **plan(name="Rikki", group_size="kuusi")}
    unknown = {"id": "c3", **plan(name="Vanha", blocks=[{"method": "poistettu"}])}
    items = store(bad, unknown)
    one_copy = len("verme-suunnittelija/sivuun/2026-12-01T08:19:26.317Z-1") + len(
        json.dumps(bad, ensure_ascii=False, separators=(",", ":"))
    )
    [loaded] = run(
        [
            {
                "do": "load_store",
                "items": items,
                "quota": len(items["verme-suunnittelija"]) + one_copy + 10,
                "edit": True,
            }
        ],
        tmp_path,
    )
    assert loaded["storage"] == items and loaded["held"] == items["verme-suunnittelija"]


# ---------------------------------------------------------------- series of meetings


def course(**fields) -> dict:
    base = {
        "id": "c1",
        "name": "Syksy",
        "group": "A",
        "process": "verme",
        "group_size": 7,
        "mode": "lähi",
        "start": "13.00",
        "place": "",
        "cadence": "biweekly",
        "meetings": [{"plan": "a1", "held": True}],
        "repeats": ["kuulumiskierros"],
    }
    return {**base, **fields}


def courses(*entries, current=None) -> dict:
    return {"verme-suunnittelija/sarjat": json.dumps({"version": 1, "current": current, "courses": list(entries)})}


def test_meeting_dates_follow_the_cadence(tmp_path):
    jobs = [
        ("2026-01-31", "monthly", 4),
        ("2026-10-20", "weekly", 3),
        ("2026-12-22", "biweekly", 3),
        ("2026-03-01", "dates", 3),
        ("", "weekly", 2),
    ]
    results = run(
        [{"do": "meeting_dates", "first": first, "cadence": cadence, "count": count} for first, cadence, count in jobs],
        tmp_path,
    )
    assert [result["dates"] for result in results] == [
        ["2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30"],
        ["2026-10-20", "2026-10-27", "2026-11-03"],
        ["2026-12-22", "2027-01-05", "2027-01-19"],
        ["2026-03-01", "", ""],
        ["", ""],
    ]


def test_stored_series_load_and_a_broken_one_is_set_aside_not_lost(tmp_path):
    broken = course(id="c2", name="Rikki", group_size=0, meetings=[{"plan": "a1", "held": "kyllä"}])
    [loaded] = run([{"do": "load_courses", "items": courses(course(), broken, current="c1")}], tmp_path)
    assert [c["id"] for c in loaded["courses"]] == ["c1"] and loaded["currentId"] == "c1" and loaded["saved"] is None
    [(key, raw)] = set_aside(loaded["storage"]).items()
    assert json.loads(raw) == broken
    assert loaded["notices"] == [
        f"Tallennettu tapaamissarja ”Rikki” oli vioittunut (ryhmän koko: odotettiin kokonaislukua väliltä 1–100; tapaaminen 1: pidetty: odotettiin tosi tai epätosi), joten se siirrettiin sivuun avaimella ”{key}”. Sen tapaamisten suunnitelmat ovat tallessa."
    ]
    # The kept series is written back; the broken one stays only where it was set aside.
    assert [c["id"] for c in json.loads(loaded["storage"]["verme-suunnittelija/sarjat"])["courses"]] == ["c1"]


def test_corrupt_series_storage_is_set_aside_and_the_plans_untouched(tmp_path):
    plans = store({"id": "a1", **plan()})
    [loaded] = run([{"do": "load_courses", "items": {**plans, "verme-suunnittelija/sarjat": "{rikki"}}], tmp_path)
    [(key, raw)] = set_aside(loaded["storage"]).items()
    assert raw == "{rikki" and loaded["courses"] == []
    assert loaded["storage"]["verme-suunnittelija"] == plans["verme-suunnittelija"]
    assert loaded["notices"] == [
        f"Selaimeen tallennetut tapaamissarjat olivat vioittuneet, joten ne siirrettiin sivuun avaimella ”{key}”. Suunnitelmat itse ovat tallessa."
    ]


def course_link(data) -> str:
    return "#sarja=" + base64.urlsafe_b64encode(json.dumps(data, ensure_ascii=False).encode()).decode().rstrip("=")


def shared_course(**fields) -> dict:
    base = {
        "name": "Syksy",
        "group": "",
        "process": "",
        "group_size": 7,
        "mode": "lähi",
        "start": "13.00",
        "place": "Verso",
        "cadence": "weekly",
        "repeats": [],
        "meetings": [{"held": False, "plan": plan()}, {"held": True, "plan": plan(name="Toinen")}],
    }
    return {**base, **fields}


COURSE_INVALID = "Jakolinkin tapaamissarja ei kelpaa, joten sitä ei avattu: "
HOSTILE_COURSES = {
    "group-is-dropped": (course_link({"v": 1, "course": shared_course(group="Salainen")}), None),
    "too-many-meetings": (
        course_link({"v": 1, "course": shared_course(meetings=[{"held": False, "plan": plan()}] * 21)}),
        COURSE_INVALID + "tapaamiset: odotettiin listaa, jossa on 1–20 tapaamista.",
    ),
    "unknown-key": (
        course_link({"v": 1, "course": {**shared_course(), "onload": "x"}}),
        COURSE_INVALID + "tuntematon kenttä ”onload”.",
    ),
    "bad-plan": (
        course_link({"v": 1, "course": shared_course(meetings=[{"held": False, "plan": plan(start="25.00")}])}),
        COURSE_INVALID + "tapaaminen 1: alkamisaika: odotettiin kellonaikaa kuten 9.15.",
    ),
    "bad-meeting": (
        course_link({"v": 1, "course": shared_course(meetings=[{"held": "x", "plan": plan()}])}),
        COURSE_INVALID + "tapaaminen 1: odotettiin tietuetta, jossa on pidetty-tieto ja suunnitelma.",
    ),
    "newer-version": (
        course_link({"v": 2, "course": {}}),
        "Jakolinkki on tehty suunnittelijan uudemmalla versiolla (2), jota tämä sivu ei osaa lukea. Lataa sivu uudelleen, niin saat uusimman version.",
    ),
    "a-plan-link-payload": (course_link({"v": 1, "plan": plan()}), NOT_A_LINK),
    "too-long": (
        "#sarja=" + "A" * 30_001,
        "Jakolinkki on liian pitkä (yli 30\u00a0000 merkkiä), joten sitä ei avattu.",
    ),
    "broken": ("#sarja=<script>", BROKEN),
}


def test_series_links_are_checked_as_strictly_as_plan_links(tmp_path):
    results = run([{"do": "read_course", "hash": hash_} for hash_, _ in HOSTILE_COURSES.values()], tmp_path)
    by_name = dict(zip(HOSTILE_COURSES, results, strict=True))
    good = by_name.pop("group-is-dropped")
    assert (
        good["course"]["group"] == ""
        and [p["name"] for p in good["plans"]] == ["Teemailta", "Toinen"]
        and good["course"]["meetings"] == [{"held": False}, {"held": True}]
    )
    assert {name: result.get("error") for name, result in by_name.items()} == {
        name: message for name, (_, message) in HOSTILE_COURSES.items() if message
    }


# ---------------------------------------------------------------- suggested plans

SHIPPED = build_index(build_site(ROOT / "curriculum"), lambda uri: uri)
REQUEST = {
    "minutes": 150,
    "group_size": 7,
    "mode": "lähi",
    "start": "13.00",
    "phases": ["tutustuminen", "työskentely", "reflektio"],
}


def test_a_suggested_plan_passes_every_timing_and_safety_rule_for_100_seeds(tmp_path):
    facts = {entry["id"]: facts_from_index(entry) for entry in SHIPPED["methods"]}
    results = run([{"do": "suggest", "request": REQUEST, "seed": seed} for seed in range(100)], tmp_path, SHIPPED)
    plans = []
    for seed, result in enumerate(results):
        assert "error" not in result, (seed, result)
        suggested = {**result["plan"], "mode": "lähi", "group_size": 7}
        timed = schedule(suggested, facts)
        # The Python twin of timing.js judges the plan: no warning of any kind, and the time well used.
        assert (seed, [w.message for w in timed.warnings]) == (seed, [])
        assert parse_clock("13.00") + 120 <= timed.finish <= parse_clock(suggested["end"]) == parse_clock("15.30")
        plans.append(json.dumps(result["plan"]["blocks"]))
    assert len(set(plans)) >= 50  # the seeds really give other plans
    again = run([{"do": "suggest", "request": REQUEST, "seed": seed} for seed in (3, 3, 4)], tmp_path, SHIPPED)
    assert again[0] == again[1] == results[3] and again[2] == results[4]


def test_suggestions_put_untried_methods_first_and_say_when_nothing_fits(tmp_path):
    fresh, known, short, remote = run(
        [
            {"do": "suggest", "request": REQUEST, "seed": 7},
            {
                "do": "suggest",
                "request": REQUEST,
                "seed": 7,
                "used": ["valmis-tarina", "varikortit", "aikajana", "oma-piirros", "kuulumiskierros"],
            },
            {"do": "suggest", "request": {**REQUEST, "minutes": 10}, "seed": 1},
            {"do": "suggest", "request": {**REQUEST, "mode": "etä", "group_size": 12}, "seed": 1},
        ],
        tmp_path,
        SHIPPED,
    )
    used = {"valmis-tarina", "varikortit", "aikajana", "oma-piirros", "kuulumiskierros"}
    methods = lambda result: [b["method"] for b in result["plan"]["blocks"] if "method" in b]  # noqa: E731
    assert len(used & set(methods(known))) < len(used & set(methods(fresh))) or not used & set(methods(known))
    assert short == {
        "error": "Tähän aikaan ja ryhmälle ei löytynyt sopivaa lopetusta: pidennä tapaamista tai muuta ryhmän kokoa.",
        "kind": "SuggestError",
    }
    by_id = {entry["id"]: entry for entry in SHIPPED["methods"]}
    assert all("etä" in by_id[m]["modes"] and by_id[m]["group_size"][1] >= 12 for m in methods(remote))


def test_the_planner_lists_methods_and_families_a_to_o_in_finnish():
    from macros.collation import finnish_key

    names = [method["name"] for method in SHIPPED["methods"]]
    assert names == sorted(names, key=finnish_key)
    # By name, not by file: 'paivakirja.yml' comes before 'palautekierros.yml', Päiväkirja after Pelisäännöt.
    assert (
        names.index("Päiväkirjan kirjoittaminen")
        > names.index("Pelisääntöjen sopiminen")
        > names.index("Palautekierros")
    )
    assert SHIPPED["families"] == sorted(SHIPPED["families"], key=finnish_key)

"""Golden error messages: each bad input gives exactly these report lines (file, line, column, field, fix).

Each case copies the small fixture curriculum, spoils one thing, and compares the whole report.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from macros.errors import CurriculumError
from macros.load import HINTS_PER_FILE, load_catalogue

from .conftest import SMALL, write_curriculum

METHOD = (SMALL / "methods" / "aikajana.yml").read_text(encoding="utf-8")
SESSION = (SMALL / "sessions" / "teematapaaminen.yml").read_text(encoding="utf-8")
SEMINAR = (SMALL / "seminars" / "seminaari-1.yml").read_text(encoding="utf-8")
ROUND = (SMALL / "methods" / "kuulumiskierros.yml").read_text(encoding="utf-8")


def m(old: str, new: str) -> dict:
    assert old in METHOD, old
    return {"methods/aikajana.yml": METHOD.replace(old, new, 1)}


def s(old: str, new: str) -> dict:
    assert old in SESSION, old
    return {"sessions/teematapaaminen.yml": SESSION.replace(old, new, 1)}


CASES = {
    "yaml-syntax": m("phases: [työskentely, reflektio]", "phases: [työskentely, reflektio"),
    "tab-indent": m("  - title: Ohjeistus", "\t- title: Ohjeistus"),
    "wrong-type-text": m("duration: {min: 30, max: 60}", "duration: {min: puoli tuntia, max: 60}"),
    "missing-field": m("name: Aikajana\n", ""),
    "unknown-key-suggestion": m("name: Aikajana", "nmae: Aikajana"),
    "unknown-key-no-suggestion": m("intensity: keskitaso", "intensity: keskitaso\nzzz: 1"),
    "bad-file-name": {"methods/Aika_Jana.yml": METHOD},
    "reserved-file-name": {"methods/index.yml": METHOD},
    "id-key": m("name: Aikajana", "id: aikajana\nname: Aikajana"),
    "duplicate-id": {"methods/aikajana.yaml": METHOD},
    "duplicate-key": m("intensity: keskitaso", "intensity: keskitaso\nintensity: matala"),
    "seminar-reference": {"seminars/seminaari-1.yml": SEMINAR.replace("methods: [aikajana]", "methods: [aikajan]")},
    "session-reference": s("  - method: aikajana", "  - method: ajkajana"),
    "source-reference": m("sources: [lahde]", "sources: [lahteet]"),
    "min-above-max": m("group_size: {min: 3, max: 8}", "group_size: {min: 9, max: 8}"),
    "steps-exceed-duration": m("    minutes: 20\n", "    minutes: 50\n"),
    "round-exceeds-duration": {
        "methods/kuulumiskierros.yml": ROUND.replace("duration: {min: 6, max: 40}", "duration: {min: 6, max: 20}")
    },
    "session-over-end": s('end: "15.30"', 'end: "15.00"'),
    "fixed-time-passed": s('at: "14.20"', 'at: "13.50"'),
    "clock-as-number": s('start: "13.00"', "start: 13.00"),
    "clock-out-of-range": s('start: "13.00"', 'start: "25.00"'),
    "mode-enum": m("modes: [lähi, etä]", "modes: [lähi, etäinen]"),
    "empty-list": m("phases: [työskentely, reflektio]", "phases: []"),
    "not-utf8": {
        "methods/aikajana.yml": METHOD.replace("Aikajana", "Aikajana ä")
        .encode("utf-8")
        .replace("ä".encode(), b"\xe4", 1)
    },
    "empty-file": {"terms/tyhja.yml": "# vain kommentti\n"},
    "byte-order-mark-only": {"terms/tyhja.yml": b"\xef\xbb\xbf\n"},
    "python-tag": {"terms/paha.yml": 'term: !!python/object/apply:os.system ["echo hacked"]\ndefinition: x\n'},
    "top-level-list": {"terms/lista.yml": "- term: Verme\n"},
    "unknown-folder": {"metods/uusi.yml": METHOD},
    "file-at-top": {"uusi.yml": METHOD},
    "block-key-typo": s("  - break: Tauko", "  - brake: Tauko"),
    "comparison-columns": {
        "comparisons/vertailu.yml": "title: V\norder: 1\nintro: I\ncolumns: [A, B]\nrows:\n  - aspect: X\n    values: [a, b, c]\n"
    },
    "image-without-alt": m("materials: [paperia, kyniä]", "materials: [paperia, kyniä]\nimage:\n  src: kuva.png"),
    "intensity-enum": m("intensity: keskitaso", "intensity: kova"),
    "list-as-text": m("related: [kuulumiskierros]", "related: kuulumiskierros"),
    "mode-mismatch": s("mode: lähi", "mode: etä"),
    "intense-last": s("  - method: palautekierros\n", ""),
    "minutes-out-of-range": s("    minutes: 45\n    at:", "    minutes: 120\n    at:"),
}

EXPECTED = {
    "yaml-syntax": [
        "curriculum/methods/aikajana.yml:6:9: invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence that starts at line 5)",
    ],
    "tab-indent": [
        "curriculum/methods/aikajana.yml:12:1: invalid YAML: found character that cannot start any token",
    ],
    "wrong-type-text": [
        "curriculum/methods/aikajana.yml:6:17: duration.min: expected a whole number, received 'puoli tuntia'",
    ],
    "missing-field": [
        "curriculum/methods/aikajana.yml:1:1: name: expected this required field, received nothing: add 'name:'",
    ],
    "unknown-key-suggestion": [
        "curriculum/methods/aikajana.yml:1:1: nmae: unknown key 'nmae': did you mean 'name'?",
    ],
    "unknown-key-no-suggestion": [
        "curriculum/methods/aikajana.yml:23:1: zzz: unknown key 'zzz'; expected one of: sources, keywords, source_says, handbook_suggests, name, family, summary, purpose, phases, duration, minutes_per_participant, group_size, modes, remote_notes, materials, preparation, steps, tips, safety, intensity, roles, variations, related, image, tool_text",
    ],
    "bad-file-name": [
        "curriculum/methods/Aika_Jana.yml:1:1: id: expected a file name of lowercase letters a–z, digits and hyphens, like 'sosiaalinen-atomi.yml' (not 'index'), received 'Aika_Jana.yml': rename the file",
    ],
    "reserved-file-name": [
        "curriculum/methods/index.yml:1:1: id: expected a file name of lowercase letters a–z, digits and hyphens, like 'sosiaalinen-atomi.yml' (not 'index'), received 'index.yml': rename the file",
    ],
    "id-key": [
        "curriculum/methods/aikajana.yml:1:1: id: expected no 'id' key, received one: the id is the file name; remove the key",
    ],
    "duplicate-id": [
        "curriculum/methods/aikajana.yml:1:1: id: expected a unique id, received 'aikajana' which curriculum/methods/aikajana.yaml already uses: rename one of the files",
    ],
    "duplicate-key": [
        "curriculum/methods/aikajana.yml:23:1: intensity: expected each key once, received it again: remove or merge the repeated key",
    ],
    "seminar-reference": [
        "curriculum/seminars/seminaari-1.yml:8:11: methods[0]: unknown method id 'aikajan': did you mean 'aikajana'? (expected the name of a file in curriculum/methods/)",
    ],
    "session-reference": [
        "curriculum/sessions/teematapaaminen.yml:9:13: blocks[1].method: unknown method id 'ajkajana': did you mean 'aikajana'? (expected the name of a file in curriculum/methods/)",
    ],
    "source-reference": [
        "curriculum/methods/aikajana.yml:25:11: sources[0]: unknown source id 'lahteet': did you mean 'lahde'? (expected the name of a file in curriculum/sources/)",
    ],
    "min-above-max": [
        "curriculum/methods/aikajana.yml:7:13: group_size: min must not be greater than max, received min 9 and max 8",
    ],
    "steps-exceed-duration": [
        "curriculum/methods/aikajana.yml:12:3: steps: the steps' minutes add up to 70, expected a total within duration 30–60: change the steps' minutes or the duration",
    ],
    "round-exceeds-duration": [
        "curriculum/methods/kuulumiskierros.yml:6:11: duration: a round of 3 min per participant takes 6–30 min for 2–10 people, expected it within duration 6–20: widen the duration",
    ],
    "session-over-end": [
        "curriculum/sessions/teematapaaminen.yml:6:6: end: the blocks end at 15.17, expected them to fit before end 15.00: shorten blocks or move the end",
    ],
    "fixed-time-passed": [
        "curriculum/sessions/teematapaaminen.yml:15:9: blocks[3].at: fixed time 13.50 is already passed: the blocks before it end at 14.18; shorten them or move the time",
    ],
    "clock-as-number": [
        'curriculum/sessions/teematapaaminen.yml:5:8: start: expected a clock time in quotes like "9.15", received 13.00, which YAML reads as a number: write "13.00"',
    ],
    "clock-out-of-range": [
        "curriculum/sessions/teematapaaminen.yml:5:8: start: expected a clock time in quotes like \"9.15\", received '25.00'",
    ],
    "mode-enum": [
        "curriculum/methods/aikajana.yml:8:15: modes[1]: expected one of 'lähi', 'etä' or 'hybridi', received 'etäinen'",
    ],
    "empty-list": [
        "curriculum/methods/aikajana.yml:5:9: phases: expected at least 1 item, received 0",
    ],
    "not-utf8": [
        "curriculum/methods/aikajana.yml:1:16: expected UTF-8 text, received the byte 0xe4: save the file as UTF-8",
    ],
    "empty-file": [
        "curriculum/terms/tyhja.yml:1:1: expected a record, received an empty file: fill it in or delete it",
    ],
    "byte-order-mark-only": [
        "curriculum/terms/tyhja.yml:1:1: expected a record, received an empty file: fill it in or delete it",
    ],
    "python-tag": [
        "curriculum/terms/paha.yml:1:7: the YAML tag !!python/object/apply:os.system is not allowed: the curriculum is plain data (text, numbers, lists, mappings); remove the tag",
    ],
    "top-level-list": [
        "curriculum/terms/lista.yml:1:1: expected a mapping of keys and values at the top of the file, received a list of 1",
    ],
    "unknown-folder": [
        "curriculum/metods/uusi.yml:1:1: unknown folder 'metods': did you mean 'methods'?",
    ],
    "file-at-top": [
        "curriculum/uusi.yml:1:1: expected the file in a folder of one kind (sources, terms, principles, methods, sessions, processes, seminars, modules, comparisons, themes, support), received it at the top of curriculum/: move it",
    ],
    "block-key-typo": [
        "curriculum/sessions/teematapaaminen.yml:11:5: blocks[2]: expected a block with one of the keys 'method', 'activity', 'break' or 'new_day', received a mapping with keys 'brake', 'minutes': did you mean 'break'?",
    ],
    "comparison-columns": [
        "curriculum/comparisons/vertailu.yml:7:13: rows[0].values: expected one value per column (2), received 3",
    ],
    "image-without-alt": [
        "curriculum/methods/aikajana.yml:12:3: image.alt: expected this required field, received nothing: add 'alt:'",
    ],
    "intensity-enum": [
        "curriculum/methods/aikajana.yml:22:12: intensity: expected one of 'matala', 'keskitaso' or 'korkea', received 'kova'",
    ],
    "list-as-text": [
        "curriculum/methods/aikajana.yml:23:10: related: expected a list, received 'kuulumiskierros'",
    ],
    "mode-mismatch": [
        "curriculum/sessions/teematapaaminen.yml:13:13: blocks[3].method: method 'Sosiodraama' does not suit mode 'etä': pick a method for this mode or change the mode",
    ],
    "intense-last": [
        "curriculum/sessions/teematapaaminen.yml:8:3: blocks: expected a closing block (a method or activity with phase 'lopetus'), received none",
        "curriculum/sessions/teematapaaminen.yml:13:13: blocks[3].method: the template ends with the high-intensity method 'Sosiodraama': add a calmer closing block after it",
    ],
    "minutes-out-of-range": [
        "curriculum/sessions/teematapaaminen.yml:6:6: end: the blocks end at 16.32, expected them to fit before end 15.30: shorten blocks or move the end",
        "curriculum/sessions/teematapaaminen.yml:14:14: blocks[3].minutes: expected minutes within the method's duration 45–90, received 120",
    ],
}


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input_gives_exact_report(tmp_path, name):
    root = write_curriculum(tmp_path, CASES[name])
    with pytest.raises(CurriculumError) as caught:
        load_catalogue(root)
    assert [str(error) for error in caught.value.errors] == EXPECTED[name]


def test_every_case_has_an_expected_report():
    assert set(CASES) == set(EXPECTED)
    assert len(CASES) >= 25


def test_one_run_reports_every_error(tmp_path):
    changes = {}
    for name in ("wrong-type-text", "python-tag", "session-reference", "unknown-folder", "empty-file"):
        changes.update(CASES[name])
    root = write_curriculum(tmp_path, changes)
    with pytest.raises(CurriculumError) as caught:
        load_catalogue(root)
    expected = sorted(
        line
        for name in ("wrong-type-text", "python-tag", "session-reference", "unknown-folder", "empty-file")
        for line in EXPECTED[name]
    )
    assert [str(error) for error in caught.value.errors] == expected
    assert caught.value.report().endswith(f"{len(expected)} errors in the curriculum.")


def test_python_tag_runs_nothing(tmp_path):
    marker = tmp_path / "hacked"
    root = write_curriculum(
        tmp_path, {"terms/paha.yml": f'term: !!python/object/apply:os.system ["touch {marker}"]\ndefinition: x\n'}
    )
    with pytest.raises(CurriculumError):
        load_catalogue(root)
    assert not marker.exists()


# ---------------------------------------------------------------- hostile input

# A few hundred bytes whose aliases repeat 9 values 9 times over 9 levels: 387 million values if expanded.
ALIAS_BOMB = (
    "".join(
        f"a{level}: &a{level} [{', '.join([f'*a{level - 1}'] * 9) if level else ', '.join(['x'] * 9)}]\n"
        for level in range(9)
    )
    + "term: Pommi\ndefinition: *a8\n"
)
DEEP_INDENT = "term: Syvä\ndefinition:\n" + "".join(" " * level + f"k{level}:\n" for level in range(1, 1400)) + "\n"
LIMIT = "curriculum files may nest them at most 20 levels: flatten the structure"
VALUES = "curriculum files may hold at most 10,000"

# Without the limits each of these keeps `check` busy for minutes, crashes it or ends in a traceback;
# the neighbours of those classes too (keys that are not text, a second document, a binary file).
HOSTILE: dict[str, dict[str, str | bytes]] = {
    "alias-bomb": {"terms/pommi.yml": ALIAS_BOMB},
    "recursive-alias": {"terms/kierre.yml": "term: Kierre\ndefinition: &a [*a]\n"},
    "deep-flow-lists": {"terms/listat.yml": "term: Syvä\ndefinition: " + "[" * 50_000 + "]" * 50_000 + "\n"},
    "deep-flow-mappings": {
        "terms/kartat.yml": "term: Syvä\ndefinition: " + "{a: " * 30_000 + "1" + "}" * 30_000 + "\n"
    },
    "deep-block-lists": {"terms/lohko.yml": "term: Syvä\ndefinition:\n  " + "- " * 30_000 + "x\n"},
    "deep-indent": {"terms/sisennys.yml": DEEP_INDENT},
    "file-of-50-mb": {"terms/iso.yml": "term: Iso\ndefinition: |\n" + ("  " + "sana " * 20 + "\n") * 500_000},
    "many-keys": {"terms/avaimet.yml": "term: Avaimet\ndefinition: d\n" + "".join(f"k{i}: 1\n" for i in range(90_000))},
    "many-items-on-one-line": {
        "terms/rivi.yml": "term: Rivi\ndefinition: d\nforms: [" + ", ".join(["x"] * 300_000) + "]\n"
    },
    "alias-as-key": {"terms/alias-avain.yml": "term: &k Avain\n*k : y\ndefinition: d\n"},
    "list-as-key": {"terms/lista-avain.yml": "term: Avain\n? [a, b]\n: y\ndefinition: d\n"},
    "number-as-key": {"terms/numero-avain.yml": "term: Avain\n1: y\ndefinition: d\n"},
    "null-as-key": {"terms/tyhja-avain.yml": "term: Avain\n~: y\ndefinition: d\n"},
    "two-documents": {"terms/kaksi.yml": "term: Yksi\ndefinition: d\n---\nterm: Kaksi\ndefinition: e\n"},
    "control-character": {"terms/ohjaus.yml": "term: Ohjaus\x00\ndefinition: d\n"},
    "binary-file": {"terms/kuva.yml": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"},
}
HOSTILE_EXPECTED = {
    "alias-bomb": [
        f"curriculum/terms/pommi.yml:5:10: a4[0]: with the alias *a3 repeating what it refers to, the file holds more than 10,000 values; {VALUES}: write fewer aliases",
    ],
    "recursive-alias": [
        "curriculum/terms/kierre.yml:2:17: definition[0]: the alias *a refers to a value that holds the alias itself, which repeats without end: refer to a finished value",
    ],
    "deep-flow-lists": [
        f"curriculum/terms/listat.yml:2:32: definition{'[0]' * 19}: lists and mappings nest here more than 20 levels deep; {LIMIT}",
    ],
    "deep-flow-mappings": [
        f"curriculum/terms/kartat.yml:2:89: definition{'.a' * 19}: lists and mappings nest here more than 20 levels deep; {LIMIT}",
    ],
    "deep-block-lists": [
        f"curriculum/terms/lohko.yml:3:41: definition{'[0]' * 19}: lists and mappings nest here more than 20 levels deep; {LIMIT}",
    ],
    "deep-indent": [
        f"curriculum/terms/sisennys.yml:22:21: definition{''.join(f'.k{level}' for level in range(1, 20))}: lists and mappings nest here more than 20 levels deep; {LIMIT}",
    ],
    "file-of-50-mb": [
        "curriculum/terms/iso.yml:1:1: the file is 51.5 MB (51,500,024 bytes); curriculum files may be at most 1 MB: split the record",
    ],
    "many-keys": [
        f"curriculum/terms/avaimet.yml:5000:8: k4997: the file holds more than 10,000 values; {VALUES}: split the record",
    ],
    "many-items-on-one-line": [
        f"curriculum/terms/rivi.yml:3:29988: forms[9993]: the file holds more than 10,000 values; {VALUES}: split the record",
    ],
    "alias-as-key": [
        "curriculum/terms/alias-avain.yml:2:1: expected a key written out, received the alias *k: write the key itself",
    ],
    "list-as-key": [
        "curriculum/terms/lista-avain.yml:2:3: expected a text key, received a list: write the key as text",
    ],
    "number-as-key": [
        "curriculum/terms/numero-avain.yml:2:1: 1: expected a text key, received 1, which YAML reads as a number: use a field name",
    ],
    "null-as-key": [
        "curriculum/terms/tyhja-avain.yml:2:1: ~: expected a text key, received ~, which YAML reads as nothing (null): use a field name",
    ],
    "two-documents": [
        "curriculum/terms/kaksi.yml:3:1: expected one record per file, received a second document (after a line '---'): move it to a file of its own",
    ],
    "control-character": [
        "curriculum/terms/ohjaus.yml:1:13: expected text, received the control character U+0000, which YAML does not allow: remove it",
    ],
    "binary-file": [
        "curriculum/terms/kuva.yml:1:1: expected UTF-8 text, received the byte 0x89: save the file as UTF-8",
    ],
}
# Another file's mistake, which the report must still list.
OTHER = CASES["unknown-key-suggestion"]
OTHER_EXPECTED = EXPECTED["unknown-key-suggestion"]


def run_check(tmp_path, changes: dict) -> subprocess.CompletedProcess:
    """The real `python -m macros check` on a spoilt copy of the small curriculum.

    The timeout only guards against a hang (before the limits the alias bomb ran for minutes), with room
    for a loaded machine: each case takes milliseconds of loading, measured in the commit that added them.
    """
    root = write_curriculum(tmp_path, changes)
    return subprocess.run(
        [sys.executable, "-m", "macros", "check", root.name], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )


def report_of(lines: list[str]) -> str:
    count = len(lines)
    return "\n".join([*sorted(lines), f"{count} error{'s' if count != 1 else ''} in the curriculum."]) + "\n"


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_input_gets_one_line_and_the_other_files_are_still_checked(tmp_path, name):
    result = run_check(tmp_path, {**HOSTILE[name], **OTHER})
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == report_of(HOSTILE_EXPECTED[name] + OTHER_EXPECTED)


def test_every_hostile_case_has_an_expected_report():
    assert set(HOSTILE) == set(HOSTILE_EXPECTED)


def test_all_hostile_files_at_once_give_one_report_of_every_error(tmp_path):
    changes = {path: content for case in HOSTILE.values() for path, content in case.items()}
    result = run_check(tmp_path, {**changes, **OTHER})
    assert result.stderr == report_of([line for lines in HOSTILE_EXPECTED.values() for line in lines] + OTHER_EXPECTED)


def nested(levels: int) -> str:
    """A term whose definition is lists inside lists: the file nests `levels` deep with its top mapping."""
    return "term: Syvä\ndefinition: " + "[" * (levels - 1) + "x" + "]" * (levels - 1) + "\n"


@pytest.mark.parametrize("measured", [False, True], ids=["quick-path", "measured-first"])
def test_the_limits_hold_at_their_exact_edge_on_either_path(tmp_path, measured):
    # An anchor and an alias send the file through the event count first; both paths must count alike.
    mark, alias = ("&t ", "*t, ") if measured else ("", "x, ")
    ten_thousand = (
        f"term: {mark}Rivi\ndefinition: d\nforms: [{alias}{', '.join(['x'] * 9992)}]\n"  # 1 + 2×3 + 9,993 values
    )
    root = write_curriculum(tmp_path / "values", {"terms/rivi.yml": ten_thousand})
    assert len(load_catalogue(root).terms["rivi"].forms) == 9993
    root = write_curriculum(tmp_path / "one-more", {"terms/rivi.yml": ten_thousand.replace("[", "[x, ", 1)})
    with pytest.raises(CurriculumError) as caught:
        load_catalogue(root)
    assert [str(error) for error in caught.value.errors] == [
        f"curriculum/terms/rivi.yml:3:{9994 * 3 + 6 + len(alias) - 3}: forms[9993]: the file holds more than 10,000 values; {VALUES}: split the record",
    ]
    depth = {"terms/syva.yml": nested(20).replace("term: ", f"term: {mark}") + ("alias: *t\n" if measured else "")}
    with pytest.raises(CurriculumError) as caught:
        load_catalogue(write_curriculum(tmp_path / "depth-20", depth))
    assert (
        str(caught.value.errors[0]) == "curriculum/terms/syva.yml:2:13: definition: expected text, received a list of 1"
    )
    depth = {"terms/syva.yml": nested(21).replace("term: ", f"term: {mark}") + ("alias: *t\n" if measured else "")}
    with pytest.raises(CurriculumError) as caught:
        load_catalogue(write_curriculum(tmp_path / "depth-21", depth))
    assert [str(error) for error in caught.value.errors] == [
        f"curriculum/terms/syva.yml:2:32: definition{'[0]' * 19}: lists and mappings nest here more than 20 levels deep; {LIMIT}",
    ]


def test_what_safe_yaml_allows_within_the_limits_still_loads(tmp_path):
    method = METHOD.replace("duration: {min: 30, max: 60}", "duration: &kesto {min: 30, max: 60}")
    method = method.replace("group_size: {min: 3, max: 8}", "group_size: {<<: *kesto, min: 3}")  # a merge key
    long_line = "sana " * 180_000  # 900 kB on one line, under the 1 MB a file may have
    root = write_curriculum(
        tmp_path,
        {
            "methods/aikajana.yml": method,
            "terms/pitka.yml": f"term: Pitkä\ndefinition: {long_line}\n",
            "terms/sarkain.yml": "\ufeffterm:\tSarkain\ndefinition: d\n",  # a BOM, a tab before a value
        },
    )
    catalogue = load_catalogue(root)
    assert (catalogue.methods["aikajana"].group_size.min, catalogue.methods["aikajana"].group_size.max) == (3, 60)
    assert catalogue.terms["pitka"].definition == long_line.strip()
    assert catalogue.terms["sarkain"].term == "Sarkain"


def test_a_file_that_cannot_be_read_is_one_line_of_the_report(tmp_path):
    root = write_curriculum(tmp_path, OTHER)
    (root / "terms" / "muisti.yml").symlink_to("/proc/self/mem")  # a regular file whose reading fails (EIO)
    with pytest.raises(CurriculumError) as caught:
        load_catalogue(root)
    assert [str(error) for error in caught.value.errors] == sorted(
        [
            # A link that leads out of the curriculum is shown by its whole path, as before.
            f"{root.as_posix()}/terms/muisti.yml:1:1: expected a file to read, received the error 'Input/output error': check the file and its permissions",
            *OTHER_EXPECTED,
        ]
    )


def test_thousands_of_unknown_ids_in_a_file_are_all_listed_and_only_the_first_get_a_suggestion(tmp_path):
    # Each suggestion compares the id with every id of its kind: with 9,000 unknown ids in one file that
    # took a minute on a 2,000-method curriculum; only the first HINTS_PER_FILE are compared now.
    unknown = ", ".join(["kuulumiskieros"] * (HINTS_PER_FILE + 1) + ["tuntematon"])
    root = write_curriculum(tmp_path, m("related: [kuulumiskierros]", f"related: [{unknown}]"))
    with pytest.raises(CurriculumError) as caught:
        load_catalogue(root)
    messages = [error.message for error in caught.value.errors]
    hinted = "unknown method id 'kuulumiskieros': did you mean 'kuulumiskierros'? (expected the name of a file in curriculum/methods/)"
    bare = "unknown method id 'kuulumiskieros' (expected the name of a file in curriculum/methods/)"
    assert messages == [hinted] * HINTS_PER_FILE + [
        bare,
        "unknown method id 'tuntematon' (expected the name of a file in curriculum/methods/)",
    ]

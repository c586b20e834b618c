"""`python -m macros check|schema` — the curriculum's command line."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .errors import CurriculumError
from .kinds import KINDS
from .load import load_catalogue


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m macros", description="Check the curriculum or write its JSON Schemas."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate every YAML file and report every error")
    check.add_argument("root", nargs="?", default="curriculum")
    schema = sub.add_parser("schema", help="write a JSON Schema per kind for editor completion")
    schema.add_argument("out", nargs="?", default="schema")
    args = parser.parse_args(argv)
    return run_check(Path(args.root)) if args.command == "check" else write_schemas(Path(args.out))


def run_check(root: Path) -> int:
    try:
        catalogue = load_catalogue(root)
    except CurriculumError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    counts = ", ".join(f"{n} {kind}" for kind, n in catalogue.count().items())
    print(f"OK: {sum(catalogue.count().values())} records ({counts})")
    return 0


def write_schemas(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    for kind in KINDS:
        schema = kind.model.model_json_schema(by_alias=True)
        schema["properties"].pop("id", None)
        schema["required"] = [name for name in schema.get("required", []) if name != "id"]
        name = kind.model.__name__.lower()
        target = out / f"{name}.schema.json"
        target.write_text(json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        print(target.as_posix())
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Generate tests/support/api_extract.json from the scraped Telegram Bot API spec.

Usage (from the repository root):

    python3 scripts/gen_api_extract.py [path/to/api.json] [path/to/output.json]

Defaults: ../shared/telegram-bot-api/api.json -> tests/support/api_extract.json.

The extract keeps, for every method and type: field names, their types, the
required flag and the numeric limits found in the descriptions (text lengths,
byte lengths, item counts, integer ranges, constant discriminators such as
`always "emoji"`), plus each union type's subtypes and each method's return
type. Description prose is dropped. Output is deterministic (sorted keys).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

RANGE_UNIT = re.compile(r"(\d+)-(\d+) (characters|bytes|Bytes)")
UP_TO_CHARS = re.compile(r"\(?up to (\d+) characters\)?")
ITEMS = re.compile(r"(?:list of|array [^,]*?must include|include) (\d+)-(\d+) ")
ITEMS2 = re.compile(r"(\d+)-(\d+) items")
UP_TO_ITEMS = re.compile(r"(?:list of up to|up to|At most) (\d+) (?:items|identifiers|winners|commands)")
VALUES_BETWEEN = re.compile(r"Values between (\d+)-(\d+) are accepted")
BARE_RANGE = re.compile(r"(?:^|, )(\d+)-(\d+)(?:\.|$|,)")
ALWAYS = re.compile(r'always [“"]([^”"]+)[”"]')
NO_MORE_THAN_RESULTS = re.compile(r"No more than (\d+) results")
ONE_OF = re.compile(r"Currently, it can be one of (.*)$")


def limits(types: list[str], description: str) -> dict:
    out: dict = {}
    is_string = types == ["String"]
    is_integer = types == ["Integer"]
    is_array = all(t.startswith("Array of") for t in types)
    m = RANGE_UNIT.search(description)
    if m and is_string:
        unit = m.group(3).lower()
        out["min_len"] = int(m.group(1))
        out["max_len"] = int(m.group(2))
        out["unit"] = unit
        if re.search(r"after entit(y|ies) parsing", description):
            out["after_entities"] = True
    elif is_string:
        m = UP_TO_CHARS.search(description)
        if m:
            out["max_len"] = int(m.group(1))
            out["unit"] = "characters"
    if is_array:
        m = ITEMS.search(description) or ITEMS2.search(description)
        if m:
            out["min_items"] = int(m.group(1))
            out["max_items"] = int(m.group(2))
        else:
            m = UP_TO_ITEMS.search(description)
            if m:
                out["max_items"] = int(m.group(1))
    if is_integer:
        m = VALUES_BETWEEN.search(description) or BARE_RANGE.search(description)
        if m:
            out["min"] = int(m.group(1))
            out["max"] = int(m.group(2))
    if is_string:
        m = ALWAYS.search(description)
        if m:
            out["const"] = m.group(1)
        m = ONE_OF.search(description)
        if m:
            out["one_of"] = sorted(set(re.findall(r'"([^"]+)"', m.group(1))))
    return out


def fields(raw: list[dict]) -> dict:
    result = {}
    for f in raw:
        entry = {"types": f["types"], "required": bool(f["required"])}
        lim = limits(f["types"], f.get("description", ""))
        if lim:
            entry["limits"] = lim
        result[f["name"]] = entry
    return result


def main() -> None:
    root = Path(__file__).resolve().parent.parent
    src = Path(sys.argv[1]) if len(sys.argv) > 1 else root / ".." / "shared" / "telegram-bot-api" / "api.json"
    dst = Path(sys.argv[2]) if len(sys.argv) > 2 else root / "tests" / "support" / "api_extract.json"
    spec = json.loads(src.read_text(encoding="utf-8"))

    methods = {}
    for name, m in spec["methods"].items():
        f = fields(m.get("fields", []))
        desc = " ".join(m.get("description", []))
        n = NO_MORE_THAN_RESULTS.search(desc)
        if n and "results" in f:
            f["results"].setdefault("limits", {})["max_items"] = int(n.group(1))
        methods[name] = {"returns": m.get("returns", []), "fields": f}

    types = {}
    for name, t in spec["types"].items():
        entry: dict = {"fields": fields(t.get("fields", []))}
        if t.get("subtypes"):
            entry["subtypes"] = t["subtypes"]
        types[name] = entry

    out = {"version": spec.get("version"), "methods": methods, "types": types}
    dst.write_text(
        json.dumps(out, sort_keys=True, ensure_ascii=False, separators=(",", ":")) + "\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()

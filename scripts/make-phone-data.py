#!/usr/bin/env python3
"""Regenerate assets/data/area_codes.ron, mobile_numbers.ron and mobile_provinces.ron.

Source: the PyPI package phonenumbers (Apache-2.0, the Python port of Google's
libphonenumber), pinned below by version and by the sha256 of its wheel. The
wheel is fetched with `pip download --no-deps` into a temporary directory
(nothing is installed), verified, read in memory with zipfile and deleted.

Usage:
    scripts/make-phone-data.sh                      # fetch with pip, verify, write
    python3 scripts/make-phone-data.py --wheel phonenumbers-9.0.43-py2.py3-none-any.whl
    python3 scripts/make-phone-data.py --check      # only validate the committed files

Python 3 standard library only (pip is only used as a download client). Fails
loudly (non-zero exit) on a checksum mismatch or when the package data no longer
looks the way this script expects.

What is read from the wheel (see assets/data/phone-data.SOURCE.md):
  * phonenumbers/geodata/data*.py: the geocoder's prefix -> {locale: name}
    tables (libphonenumber resources/geocoding/*/86.txt). Only +86 landline
    prefixes are used (86 followed by 10, 2X or a 3-digit code 3XX..9XX, and
    longer prefixes below those); mobile prefixes 861[3-9].. are ignored.
  * phonenumbers/data/region_CN.py: the CN metadata. The fixed_line pattern
    gives the set of valid area codes; the mobile pattern gives the mobile plan.
  * phonenumbers-X.Y.Z.dist-info/licenses/LICENSE: the Apache-2.0 text.

Area codes (area_codes.ron): every valid area code from the fixed_line pattern
(2 digits for 10 and 2X, 3 digits otherwise) is geocoded with the zh names of
(a) the longest geocoder prefix that is a prefix of the code (the geocoder's own
lookup rule; e.g. "8633" covers 335 秦皇岛) and (b) every longer geocoder prefix
below the code (e.g. 86728100 for 728). A zh name is "省市、市、县…": the province
is stripped, every 、-separated part is matched to a GB/T 2260 city of that
province in divisions.ron (exact city name, exact county name -> its city, then
name stem without 市/地区/盟/自治州/县/区 as a prefix of a city name, then of a
county name). NAME_ALIASES fixes a typo and a renamed city. Everything that
does not match is listed in the SOURCE file, nothing is dropped silently.

Mobile provinces (mobile_provinces.ron): the geocoder's +86 mobile entries
(861[3-9]..., zh names) mapped to their province, expanded to 7-digit prefixes by
the longest-prefix rule, stored as runs, re-expanded and compared before writing.

Area codes the package lacks (prefecture-level cities and directly administered
county-level units of divisions.ron): AREA_SUPPLEMENT, with its source; each
code must be a code the package gives the neighbouring city named.

Mobile numbers (mobile_numbers.ron): the minimal list of digit prefixes such
that an 11-digit number is a CN mobile number iff it starts with one of them,
derived from the mobile national_number_pattern by splitting prefixes until
sample completions agree, then verified exhaustively over all 6-digit prefixes
(10 completions each) and on 1,000,000 random 11-digit numbers starting with 1.
"""

from __future__ import annotations

import argparse
import ast
import io
import random
import re
import zipfile
from collections import defaultdict
from pathlib import Path

import assetlib

# ---- pins -------------------------------------------------------------------
PACKAGE = "phonenumbers"
VERSION = "9.0.43"
WHEEL_NAME = f"{PACKAGE}-{VERSION}-py2.py3-none-any.whl"
WHEEL_SHA256 = "349bc799f15e010e35bd2c7d28149950ae74479cb1e11fb054ed9a95ecb4b437"
LICENSE = "Apache-2.0"
SOURCE = f"PyPI {PACKAGE} {VERSION} ({LICENSE})"

# zh spellings in the geocoder that differ from the GB/T 2260 names.
NAME_ALIASES = {
    "株州市": "株洲市",  # typo in the geocoder (湖南省长沙市、湘潭市、株州市, 0731)
    "襄樊市": "襄阳市",  # renamed 2010 (86710100… still say 襄樊市)
}
# Spot checks (city code -> area codes that must be present).
SPOT_CHECKS = {
    "110100": "10",
    "120100": "22",
    "310100": "21",
    "500100": "23",
    "440100": "20",
    "440300": "755",
    "330100": "571",
    "510100": "28",
    "429004": "728",
    "650100": "991",
    "130300": "335",
}
MOBILE_LENGTH = 11
MOBILE_PREFIX_DIGITS = 7   # the geocoder names mobile numbers by their first 7 digits
MOBILE_PROVINCE_SAMPLES = 60

# Area codes the geocoder does not name, for the current cities and directly administered
# county-level units of divisions.ron (city -> (area code, city of the package data that
# already has that code, note)). Source: the MIIT long-distance area-code allocation
# (长途电话区号) as publicly reproduced in the Chinese Wikipedia article
# 中华人民共和国长途电话区号 (zh.wikipedia.org), read 2026-12-01 [S]. Each code is checked
# below to be a valid code of the package's fixed_line pattern and to be the code the
# package gives the neighbouring city named here, so nothing new is invented: these
# units dial through their neighbour's (or former parent's) code.
SUPPLEMENT_SOURCE = ("MIIT 长途电话区号 allocation as reproduced in zh.wikipedia.org "
                     "中华人民共和国长途电话区号 (read 2026-12-01) [S]; each code is the package's "
                     "code of the named neighbouring city")
AREA_SUPPLEMENT = {
    "341600": ("558", "341200", "亳州 shares 0558 with 阜阳 (split from 阜阳 in 1998)"),
    "410200": ("371", "410100", "开封 merged into 郑州's 0371 (its former 0378 is withdrawn)"),
    "419001": ("391", "410800", "济源 shares 0391 with 焦作"),
    "429021": ("719", "420300", "神农架林区 shares 0719 with 十堰"),
    "450800": ("775", "450900", "贵港 shares 0775 with 玉林"),
    "451100": ("774", "450400", "贺州 shares 0774 with 梧州"),
    "451300": ("772", "450200", "来宾 shares 0772 with 柳州"),
    "460300": ("898", "460100", "all of 海南 dials 0898"),
    "460400": ("898", "460100", "all of 海南 dials 0898"),
    "469001": ("898", "460100", "all of 海南 dials 0898"),
    "469002": ("898", "460100", "all of 海南 dials 0898"),
    "469005": ("898", "460100", "all of 海南 dials 0898"),
    "469006": ("898", "460100", "all of 海南 dials 0898"),
    "469007": ("898", "460100", "all of 海南 dials 0898"),
    "469021": ("898", "460100", "all of 海南 dials 0898"),
    "469022": ("898", "460100", "all of 海南 dials 0898"),
    "469023": ("898", "460100", "all of 海南 dials 0898"),
    "469024": ("898", "460100", "all of 海南 dials 0898"),
    "469025": ("898", "460100", "all of 海南 dials 0898"),
    "469026": ("898", "460100", "all of 海南 dials 0898"),
    "469027": ("898", "460100", "all of 海南 dials 0898"),
    "469028": ("898", "460100", "all of 海南 dials 0898"),
    "469029": ("898", "460100", "all of 海南 dials 0898"),
    "469030": ("898", "460100", "all of 海南 dials 0898"),
    "620200": ("937", "620900", "嘉峪关 shares 0937 with 酒泉"),
    "620300": ("935", "620600", "金昌 shares 0935 with 武威"),
    "659002": ("997", "652900", "阿拉尔 (兵团第一师) shares 0997 with 阿克苏"),
    "659003": ("998", "653100", "图木舒克 (兵团第三师) shares 0998 with 喀什"),
    "659004": ("994", "652300", "五家渠 (兵团第六师) shares 0994 with 昌吉"),
    "659005": ("906", "654300", "北屯 (兵团第十师) shares 0906 with 阿勒泰"),
    "659006": ("996", "652800", "铁门关 (兵团第二师) shares 0996 with 库尔勒 (巴音郭楞)"),
    "659007": ("909", "652700", "双河 (兵团第五师) shares 0909 with 博乐 (博尔塔拉)"),
    "659008": ("999", "654000", "可克达拉 (兵团第四师) shares 0999 with 伊宁 (伊犁)"),
    "659009": ("903", "653200", "昆玉 (兵团第十四师) shares 0903 with 和田"),
    "659010": ("992", "654000", "胡杨河 (兵团第七师) shares 0992 with 奎屯 (伊犁)"),
    "659011": ("902", "650500", "新星 (兵团第十三师) shares 0902 with 哈密"),
}
MOBILE_SAMPLE = 1_000_000
SEED = 20240601

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "assets" / "data"
DIVISIONS = DATA / "divisions.ron"
OUT_AREA = DATA / "area_codes.ron"
OUT_MOBILE = DATA / "mobile_numbers.ron"
OUT_MOBILE_PROV = DATA / "mobile_provinces.ron"
OUT_MD = DATA / "phone-data.SOURCE.md"
LICENSE_FILE = DATA / "LICENSE-phonenumbers.txt"
SAR_TW = {"71", "81", "82"}  # 台湾, 香港, 澳门: not in the +86 numbering plan


SCRIPT = assetlib.Script("make-phone-data")
log, die, expect = SCRIPT.log, SCRIPT.die, SCRIPT.expect
UPGRADE_HINT = ("If you are deliberately upgrading, review the new data and update "
                "VERSION / WHEEL_SHA256 / NAME_ALIASES.")


# ---- read the wheel -----------------------------------------------------------
def _const(node: ast.AST):
    """Value of a literal or of a u('...') call as used in phonenumbers' data modules."""
    if isinstance(node, ast.Constant):
        return node.value
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "u"
            and len(node.args) == 1):
        return _const(node.args[0])
    if isinstance(node, ast.Tuple):
        return tuple(_const(e) for e in node.elts)
    raise ValueError(f"unexpected node {ast.dump(node)[:120]}")


def load_wheel(data: bytes) -> dict:
    zf = zipfile.ZipFile(io.BytesIO(data))
    names = set(zf.namelist())
    dist = f"{PACKAGE}-{VERSION}.dist-info"
    meta = zf.read(f"{dist}/METADATA").decode("utf-8")
    fields = dict(re.findall(r"^([A-Za-z-]+): (.*)$", meta.split("\n\n", 1)[0], re.M))
    expect(fields.get("Name") == PACKAGE, f"METADATA Name {fields.get('Name')!r}")
    expect(fields.get("Version") == VERSION, f"METADATA Version {fields.get('Version')!r}")
    expect(fields.get("License-Expression") == LICENSE,
           f"METADATA License-Expression {fields.get('License-Expression')!r}")
    lic_name = f"{dist}/licenses/LICENSE"
    expect(lic_name in names, f"{lic_name} missing from wheel")
    license_text = zf.read(lic_name).decode("utf-8")
    expect("Apache License" in license_text and "Version 2.0" in license_text, "LICENSE is not Apache-2.0")

    # Geocoder: phonenumbers/geodata/__init__.py imports data0..dataN.
    init = zf.read("phonenumbers/geodata/__init__.py").decode("utf-8")
    modules = re.findall(r"^from \.(data\d+) import data$", init, re.M)
    expect(len(modules) > 0, "no geodata modules listed in phonenumbers/geodata/__init__.py")
    geo: dict[str, dict[str, str]] = {}
    for mod in modules:
        text = zf.read(f"phonenumbers/geodata/{mod}.py").decode("utf-8")
        if "\n '86" not in text:
            continue
        tree = ast.parse(text)
        assigns = [s for s in tree.body if isinstance(s, ast.Assign)
                   and isinstance(s.targets[0], ast.Name) and s.targets[0].id == "data"]
        expect(len(assigns) == 1 and isinstance(assigns[0].value, ast.Dict), f"{mod}: no data dict")
        d = assigns[0].value
        for k, v in zip(d.keys, d.values):
            key = _const(k)  # type: ignore[arg-type]
            if not key.startswith("86"):
                continue
            expect(isinstance(v, ast.Dict), f"{mod}: value of {key} is not a dict")
            geo[key] = {_const(a): _const(b) for a, b in zip(v.keys, v.values)}  # type: ignore[arg-type,misc]
    expect(len(geo) > 1000, f"only {len(geo)} +86 geocoder entries found")

    # CN metadata.
    src = zf.read("phonenumbers/data/region_CN.py").decode("utf-8")
    meta_call = None
    for node in ast.walk(ast.parse(src)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "PhoneMetadata":
            meta_call = node
    expect(meta_call is not None, "PhoneMetadata(...) not found in region_CN.py")
    kw = {k.arg: k.value for k in meta_call.keywords}  # type: ignore[union-attr]
    expect(_const(kw["id"]) == "CN" and _const(kw["country_code"]) == 86, "region_CN is not CN/86")

    def desc(name: str) -> dict:
        call = kw.get(name)
        expect(isinstance(call, ast.Call), f"{name} missing in region_CN.py")
        return {k.arg: _const(k.value) for k in call.keywords}  # type: ignore[union-attr]

    fixed, mobile = desc("fixed_line"), desc("mobile")
    expect(tuple(mobile["possible_length"]) == (MOBILE_LENGTH,),
           f"mobile possible_length {mobile['possible_length']}")
    return {
        "geo": geo,
        "fixed_pattern": fixed["national_number_pattern"],
        "mobile_pattern": mobile["national_number_pattern"],
        "license": license_text,
    }


def parse_ron(text: str, what: str):
    try:
        return assetlib.parse_ron(text)
    except (ValueError, IndexError) as e:
        die(f"{what} does not parse: {e}")


ron_str = assetlib.ron_str


# ---- divisions -----------------------------------------------------------------
class Divisions:
    def __init__(self, doc: dict) -> None:
        self.provinces = doc["provinces"]
        self.city_name: dict[str, str] = {}
        self.city_prov: dict[str, str] = {}
        for p in self.provinces:
            for c in p["children"]:
                self.city_name[c["code"]] = c["name"]
                self.city_prov[c["code"]] = p["code"]

    @staticmethod
    def short(name: str) -> str:
        return re.sub(r"(省|市|(壮族|回族|维吾尔)?自治区|特别行政区)$", "", name)

    def split_province(self, s: str):
        """(province, rest) for a geocoder name like 广西南宁市 / 云南省曲靖市 / 北京市."""
        for p in self.provinces:
            if s.startswith(p["name"]):
                return p, s[len(p["name"]):]
        for p in self.provinces:
            sh = self.short(p["name"])
            if s.startswith(sh):
                rest = s[len(sh):]
                return p, rest[1:] if rest.startswith("省") else rest
        return None, s

    def resolve_part(self, prov: dict, part: str):
        """City code for one 、-separated part of a geocoder name, and how it matched."""
        part = NAME_ALIASES.get(part, part)
        cities = prov["children"]
        for c in cities:
            if c["name"] == part:
                return c["code"], "city"
        for c in cities:
            for d in c["children"]:
                if d["name"] == part:
                    return c["code"], f"county {d['code']} {d['name']}"
        stem = re.sub(r"(市|地区|盟|自治州|县|区)$", "", part)
        if len(stem) < 2:
            return None, "no match"
        hits = [c for c in cities if c["name"].startswith(stem)]
        if len(hits) == 1:
            return hits[0]["code"], f"city stem {stem}"
        if len(hits) > 1:
            return None, f"ambiguous city stem {stem}: {[h['name'] for h in hits]}"
        hits = [(c, d) for c in cities for d in c["children"] if d["name"].startswith(stem)]
        if len({c["code"] for c, _ in hits}) == 1:
            c, d = hits[0]
            return c["code"], f"county stem {stem} -> {d['code']} {d['name']}"
        if hits:
            return None, f"ambiguous county stem {stem}"
        return None, "no match"


# ---- area codes -------------------------------------------------------------------
def code_len(digits: str) -> int:
    return 2 if digits[0] in "12" else 3


def valid_area_codes(fixed_pattern: str) -> list[str]:
    """Area codes for which the fixed_line pattern accepts a 7- or 8-digit subscriber number."""
    rx = re.compile(fixed_pattern)
    cands = ["10"] + [f"2{d}" for d in range(10)] + [str(n) for n in range(300, 1000)]
    out = [c for c in cands if rx.fullmatch(c + "2345678") or rx.fullmatch(c + "23456789")]
    expect(len(out) > 300, f"only {len(out)} area codes accepted by the fixed_line pattern")
    return out


def build_area_codes(geo: dict, fixed_pattern: str, div: Divisions):
    land = {k[2:]: v for k, v in geo.items() if not k.startswith("861") or k.startswith("8610")}
    codes = valid_area_codes(fixed_pattern)
    code_set = set(codes)
    cities: dict[str, set[str]] = defaultdict(set)
    report = {
        "geo_landline_entries": len(land),
        "valid_codes": len(codes),
        "codes_without_name": [],   # valid area codes with no geocoder entry at all
        "entries_without_zh": [],   # geocoder keys that have no zh name
        "unmatched_parts": [],      # (key, zh, part, reason)
        "entries_no_city": [],      # geocoder keys none of whose parts matched a city
        "non_city_parts": [],       # parts that matched a county (mapped to its city)
        "entries_outside_codes": [],
    }
    used: set[str] = set()
    resolved: dict[str, list[str]] = {}

    def resolve_entry(key: str) -> list[str]:
        if key in resolved:
            return resolved[key]
        zh = land[key].get("zh")
        out: list[str] = []
        if zh is None:
            report["entries_without_zh"].append((key, land[key].get("en", "")))
        else:
            prov, rest = div.split_province(zh)
            if prov is None:
                report["unmatched_parts"].append((key, zh, zh, "no province"))
            elif rest in ("", "市") and len(prov["children"]) == 1 and prov["code"][:2] in {"11", "12", "31", "50"}:
                out.append(prov["children"][0]["code"])
            else:
                for part in rest.split("、"):
                    code, how = div.resolve_part(prov, part)
                    if code is None:
                        report["unmatched_parts"].append((key, zh, part, how))
                    else:
                        if how.startswith("county"):
                            report["non_city_parts"].append((key, part, code, how))
                        out.append(code)
            if not out:
                report["entries_no_city"].append((key, zh))
        resolved[key] = out
        return out

    for c in codes:
        keys = [k for k in land if k.startswith(c)]  # exact and longer prefixes
        if c not in land:
            shorter = [c[:n] for n in range(len(c) - 1, 0, -1) if c[:n] in land]
            if shorter:
                keys.append(shorter[0])  # the geocoder's longest-prefix rule
        if not keys:
            report["codes_without_name"].append(c)
            continue
        for k in keys:
            used.add(k)
            for city in resolve_entry(k):
                cities[city].add(c)
    report["entries_outside_codes"] = sorted(k for k in land if k not in used)

    missing = [(code, div.city_name[code]) for code in sorted(div.city_name)
               if code[:2] not in SAR_TW and code not in cities]
    report["cities_without_code"] = missing
    report["supplemented"] = []
    for code, name in missing:
        expect(code in AREA_SUPPLEMENT, f"city {code} {name} has no area code in the package "
               "data and none in AREA_SUPPLEMENT")
        area, neighbour, note = AREA_SUPPLEMENT[code]
        expect(area in code_set, f"supplement {code} {name}: {area} is not a code of the fixed_line pattern")
        expect(area in cities.get(neighbour, set()),
               f"supplement {code} {name}: the package does not give {area} to {neighbour}")
        cities[code].add(area)
        report["supplemented"].append((code, name, area, neighbour, div.city_name[neighbour], note))
    stale = sorted(set(AREA_SUPPLEMENT) - {c for c, _ in missing})
    expect(not stale, f"AREA_SUPPLEMENT entries the package now covers (remove them): {stale}")
    report["sar_tw_cities"] = sum(1 for c in div.city_name if c[:2] in SAR_TW)
    return {k: sorted(v, key=lambda x: (len(x), x)) for k, v in sorted(cities.items())}, report


def render_area(cities: dict[str, list[str]], supplemented: list[str]) -> str:
    out = [
        "// City telephone area codes (区号, without the leading 0) by GB/T 2260 city code.",
        f"// Source: PyPI {PACKAGE} {VERSION} ({LICENSE}), geocoding data zh/86; the cities in "
        "`supplemented` from `supplement_source`",
        "// (see phone-data.SOURCE.md). Regenerate with scripts/make-phone-data.sh.",
        "(",
        f"    edition: {ron_str(VERSION)},",
        f"    source: {ron_str(SOURCE)},",
        f"    supplement_source: {ron_str(SUPPLEMENT_SOURCE)},",
        "    supplemented: [" + ", ".join(ron_str(c) for c in sorted(supplemented)) + "],",
        "    cities: {",
    ]
    for city, codes in cities.items():
        out.append(f"        {ron_str(city)}: [{', '.join(ron_str(c) for c in codes)}],")
    out += ["    },", ")", ""]
    return "\n".join(out)


# ---- mobile -------------------------------------------------------------------------
def mobile_prefixes(pattern: str) -> list[str]:
    rx = re.compile(pattern)
    rnd = random.Random(SEED)

    def completions(p: str) -> list[str]:
        n = MOBILE_LENGTH - len(p)
        fills = ["0" * n, "9" * n, "5" * n] + ["".join(rnd.choice("0123456789") for _ in range(n)) for _ in range(8)]
        return [p + f for f in fills]

    out: list[str] = []

    def walk(p: str) -> None:
        res = {bool(rx.fullmatch(x)) for x in completions(p)}
        if res == {True} and len(p) >= 3:
            out.append(p)
        elif res == {False}:
            return
        else:
            expect(len(p) < 8, f"mobile pattern still undecided at prefix {p}")
            for d in "0123456789":
                walk(p + d)

    walk("1")
    expect(out, "no mobile prefixes derived")
    return sorted(out)


def verify_mobile(pattern: str, prefixes: list[str]) -> dict:
    rx = re.compile(pattern)
    pset = set(prefixes)
    lens = sorted({len(p) for p in prefixes})

    def by_list(n: str) -> bool:
        return any(n[:k] in pset for k in lens)

    # Minimality: no prefix is a prefix of another, and no ten siblings could merge.
    for p in prefixes:
        expect(not any(p[:k] in pset for k in range(1, len(p))), f"prefix {p} is redundant")
    parents = defaultdict(int)
    for p in prefixes:
        parents[p[:-1]] += 1
    # (Prefixes have at least 3 digits, so 130..139 stay separate, as in the example.)
    expect(all(v < 10 or len(k) < 3 for k, v in parents.items()), "ten sibling prefixes should have been merged")

    rnd = random.Random(SEED + 1)
    # (a) every 6-digit prefix 1xxxxx with 10 completions each.
    exhaustive = agree_ex = 0
    for i in range(100_000):
        p6 = f"1{i:05d}"
        for _ in range(10):
            n = p6 + f"{rnd.randrange(100_000):05d}"
            exhaustive += 1
            agree_ex += bool(rx.fullmatch(n)) == by_list(n)
    # (b) uniformly random 11-digit numbers starting with 1.
    agree = accepted = 0
    mismatches = []
    for _ in range(MOBILE_SAMPLE):
        n = "1" + f"{rnd.randrange(10**10):010d}"
        a, b = bool(rx.fullmatch(n)), by_list(n)
        accepted += a
        if a == b:
            agree += 1
        elif len(mismatches) < 10:
            mismatches.append(n)
    expect(agree_ex == exhaustive, f"prefix list disagrees with the pattern on {exhaustive - agree_ex} of {exhaustive} (6-digit prefixes)")
    expect(agree == MOBILE_SAMPLE, f"prefix list disagrees with the pattern on {MOBILE_SAMPLE - agree} random numbers, e.g. {mismatches}")
    return {"exhaustive": exhaustive, "exhaustive_agree": agree_ex,
            "sample": MOBILE_SAMPLE, "sample_agree": agree, "sample_accepted": accepted}


def render_mobile(prefixes: list[str]) -> str:
    out = [
        f"// Mainland mobile number plan. Source: PyPI {PACKAGE} {VERSION} ({LICENSE}), region_CN metadata.",
        "// Regenerate with scripts/make-phone-data.sh.",
        "(",
        f"    edition: {ron_str(VERSION)},",
        f"    source: {ron_str(SOURCE)},",
        f"    length: {MOBILE_LENGTH},",
        "    prefixes: [",
    ]
    line = "       "
    for p in prefixes:
        item = f" {ron_str(p)},"
        if len(line) + len(item) > 100:
            out.append(line)
            line = "       "
        line += item
    out += [line, "    ],", ")", ""]
    return "\n".join(out)



# ---- mobile prefix -> province ------------------------------------------------------------
def build_mobile_provinces(geo: dict, div: Divisions):
    """Each 7-digit mobile prefix the geocoder names, with its province (two-digit code),
    by the geocoder's longest-prefix rule; and the zh name of each geocoder key."""
    keys = {k[2:]: v for k, v in geo.items() if re.fullmatch(r"861[3-9]\d*", k)}
    expect(len(keys) > 100_000, f"only {len(keys)} mobile geocoder entries")
    names: dict[str, str] = {}
    province_of_key: dict[str, str] = {}
    for k, v in keys.items():
        expect(3 <= len(k) <= MOBILE_PREFIX_DIGITS, f"mobile geocoder key 86{k} longer than expected")
        zh = v.get("zh")
        expect(zh is not None, f"mobile geocoder key 86{k} has no zh name")
        prov, _ = div.split_province(zh)
        expect(prov is not None, f"mobile geocoder key 86{k}: no province in {zh!r}")
        names[k] = zh
        province_of_key[k] = prov["code"][:2]
    expanded: dict[int, str] = {}
    for k in sorted(keys, key=len):  # longer keys override shorter ones
        n = MOBILE_PREFIX_DIGITS - len(k)
        base = int(k) * 10 ** n
        for i in range(10 ** n):
            expanded[base + i] = province_of_key[k]
    return expanded, names


def mobile_ranges(expanded: dict[int, str]) -> dict[str, list[tuple[int, int]]]:
    """Runs of consecutive prefixes with the same province, by province."""
    out: dict[str, list[tuple[int, int]]] = defaultdict(list)
    start = prev = None
    prov = None
    for p in sorted(expanded):
        if start is not None and p == prev + 1 and expanded[p] == prov:
            prev = p
            continue
        if start is not None:
            out[prov].append((start, prev))
        start = prev = p
        prov = expanded[p]
    if start is not None:
        out[prov].append((start, prev))
    return dict(sorted(out.items()))


def expanded_digest(expanded: dict[int, str]) -> str:
    """SHA-256 of the lines "PREFIX PROVINCE\n", in prefix order (the Rust test computes the same)."""
    return assetlib.sha256("".join(f"{p} {expanded[p]}\n" for p in sorted(expanded)).encode("ascii"))


def render_mobile_provinces(ranges, expanded, names) -> str:
    rnd = random.Random(SEED + 2)
    # Full-length keys only: a shorter key's prefixes may be overridden by longer keys.
    full = sorted(k for k in names if len(k) == MOBILE_PREFIX_DIGITS)
    sample_keys = sorted(rnd.sample(full, MOBILE_PROVINCE_SAMPLES))
    out = [
        "// Mobile numbers by province: the first 7 digits of a mainland mobile number and the",
        f"// province its geocoder names. Source: PyPI {PACKAGE} {VERSION} ({LICENSE}), geocoding",
        "// data zh/86 (mobile prefixes 861[3-9]...), expanded by the geocoder's longest-prefix rule",
        "// and compressed into runs of consecutive prefixes (\"START-END\" or a single \"PREFIX\").",
        "// `expanded_count` and `expanded_sha256` describe the expansion (lines \"PREFIX PROVINCE\\n\"",
        "// in prefix order); `samples` are 7-digit geocoder entries with their zh names. A prefix not",
        "// listed is one the geocoder does not name. Regenerate with scripts/make-phone-data.sh.",
        "(",
        f"    edition: {ron_str(VERSION)},",
        f"    source: {ron_str(SOURCE)},",
        f"    prefix_digits: {MOBILE_PREFIX_DIGITS},",
        f"    expanded_count: {len(expanded)},",
        f"    expanded_sha256: {ron_str(expanded_digest(expanded))},",
        "    samples: {",
    ]
    for k in sample_keys:
        out.append(f"        {ron_str(k)}: {ron_str(names[k])},")
    out += ["    },", "    provinces: {"]
    for prov, runs in ranges.items():
        out.append(f"        {ron_str(prov)}: [")
        line = "           "
        for a, b in runs:
            item = " " + ron_str(str(a) if a == b else f"{a}-{b}") + ","
            if len(line) + len(item) > 100:
                out.append(line)
                line = "           "
            line += item
        out += [line, "        ],"]
    out += ["    },", ")", ""]
    return "\n".join(out)


def validate_mobile_provinces(text: str, expanded: dict[int, str] | None, div: Divisions) -> dict:
    doc = parse_ron(text, "mobile_provinces.ron")
    expect(set(doc) == {"edition", "source", "prefix_digits", "expanded_count", "expanded_sha256",
                        "samples", "provinces"}, f"mobile_provinces.ron fields {sorted(doc)}")
    expect(doc["edition"] == VERSION and doc["source"] == SOURCE, "mobile_provinces.ron edition/source")
    provinces = {p["code"][:2] for p in div.provinces}
    back: dict[int, str] = {}
    for prov, runs in doc["provinces"].items():
        expect(prov in provinces, f"mobile_provinces.ron: unknown province {prov}")
        for r in runs:
            a, _, b = r.partition("-")
            lo, hi = int(a), int(b or a)
            expect(lo <= hi and len(a) == MOBILE_PREFIX_DIGITS, f"bad run {r}")
            for x in range(lo, hi + 1):
                expect(x not in back, f"prefix {x} listed twice")
                back[x] = prov
    expect(len(back) == doc["expanded_count"], "expanded_count does not match the runs")
    expect(expanded_digest(back) == doc["expanded_sha256"], "expanded_sha256 does not match the runs")
    if expanded is not None:
        expect(back == expanded, "the runs do not re-expand to the geocoder's prefixes")
    runs = sum(len(v) for v in doc["provinces"].values())
    return {"mobile_province_prefixes": len(back), "mobile_province_runs": runs}

# ---- validation of the written files ----------------------------------------------------
def validate(area_text: str, mobile_text: str, div: Divisions) -> dict:
    area = parse_ron(area_text, "area_codes.ron")
    expect(set(area) == {"edition", "source", "supplement_source", "supplemented", "cities"},
           f"area_codes.ron fields {sorted(area)}")
    expect(area["edition"] == VERSION and area["source"] == SOURCE, "area_codes.ron edition/source")
    cities = area["cities"]
    expect(list(cities) == sorted(cities), "area_codes.ron cities not sorted")
    all_codes = set()
    for k, v in cities.items():
        expect(re.fullmatch(r"\d{6}", k) is not None, f"bad city key {k!r}")
        expect(k in div.city_name, f"city {k} not in divisions.ron")
        expect(isinstance(v, list) and v and len(set(v)) == len(v), f"bad code list for {k}: {v}")
        for c in v:
            expect(re.fullmatch(r"10|2\d|[3-9]\d\d", c) is not None, f"bad area code {c!r} for {k}")
            all_codes.add(c)
    for k, c in SPOT_CHECKS.items():
        expect(c in cities.get(k, []), f"spot check {k} {div.city_name.get(k)} -> {c}: got {cities.get(k)}")
    without = [k for k in div.city_name if k[:2] not in SAR_TW and k not in cities]
    expect(not without, f"cities without an area code: {without}")
    expect(all(k in cities for k in area["supplemented"]), "supplemented city without codes")

    mob = parse_ron(mobile_text, "mobile_numbers.ron")
    expect(set(mob) == {"edition", "source", "length", "prefixes"}, f"mobile_numbers.ron fields {sorted(mob)}")
    expect(mob["edition"] == VERSION and mob["source"] == SOURCE and mob["length"] == MOBILE_LENGTH,
           "mobile_numbers.ron edition/source/length")
    pre = mob["prefixes"]
    expect(pre == sorted(set(pre)), "mobile prefixes not sorted/unique")
    expect(all(re.fullmatch(r"1[3-9]\d{1,3}", p) for p in pre), "bad mobile prefix")
    for p in ("130", "139", "186", "199"):
        expect(p in pre, f"mobile spot check {p}")
    return {"cities": len(cities), "area_codes": len(all_codes), "mobile_prefixes": len(pre)}


# ---- SOURCE.md ------------------------------------------------------------------------------
def render_md(cities, report, prefixes, mstats, counts, sizes, mobile_pattern: str) -> str:
    def bullets(rows, fmt, empty="  - (none)"):
        return "\n".join(fmt(r) for r in rows) if rows else empty

    multi = [(c, v) for c, v in cities.items() if len(v) > 1]
    shared = defaultdict(list)
    for c, v in cities.items():
        for a in v:
            shared[a].append(c)
    shared_codes = {a: cs for a, cs in shared.items() if len(cs) > 1}
    grouped = defaultdict(list)
    for p in prefixes:
        grouped[p[:2]].append(p)
    prefix_lines = "\n".join(f"  - {' '.join(v)}" for _, v in sorted(grouped.items()))
    return f"""# area_codes.ron, mobile_numbers.ron, mobile_provinces.ron — source and provenance

`assets/data/area_codes.ron`, `assets/data/mobile_numbers.ron` and
`assets/data/mobile_provinces.ron` are generated by
`scripts/make-phone-data.sh` (`scripts/make-phone-data.py`, Python 3 stdlib; pip is
only used to download the wheel); do not edit them by hand.

| | |
|---|---|
| Package | PyPI [`{PACKAGE}`](https://pypi.org/project/{PACKAGE}/) (Python port of Google's libphonenumber) |
| Version | {VERSION} |
| Wheel | `{WHEEL_NAME}` |
| Wheel sha256 | `{WHEEL_SHA256}` |
| Licence | {LICENSE} (METADATA `License-Expression`), see `LICENSE-phonenumbers.txt` (copied from the wheel's `dist-info/licenses/LICENSE`) |
| Files read | `phonenumbers/geodata/data*.py` (geocoder, locale `zh`, prefixes `86…`), `phonenumbers/data/region_CN.py` (CN metadata) |
| Geocoder +86 landline entries | {report['geo_landline_entries']} |
| Area codes in the fixed_line pattern | {report['valid_codes']} |
| area_codes.ron | {counts['cities']} cities, {counts['area_codes']} distinct area codes, {sizes['area']} bytes |
| mobile_numbers.ron | {counts['mobile_prefixes']} prefixes, length {MOBILE_LENGTH}, {sizes['mobile']} bytes |
| mobile_provinces.ron | {counts['mobile_province_prefixes']:,} {MOBILE_PREFIX_DIGITS}-digit prefixes in {counts['mobile_province_runs']:,} runs, {sizes['mobile_prov']} bytes |

## area_codes.ron

Keys are GB/T 2260 city-level codes from `divisions.ron`; values are the area codes
(区号 without the leading 0) of that city, shortest first.

- The set of area codes is taken from the CN `fixed_line` pattern: every code (2 digits
  for 10 and 2X, 3 digits otherwise) for which the pattern accepts a 7- or 8-digit
  subscriber number. Mobile prefixes (1[3-9]…) and service numbers are not area codes.
- Each code is geocoded with the zh names of the longest geocoder prefix that is a
  prefix of the code (the geocoder's own rule: `8633` 河北省秦皇岛市 covers 335, `8634`
  covers 349, `8658` covers 580, `8670` covers 701) and of every longer geocoder
  prefix below the code (e.g. `86728100` for 728). The names of all these entries are
  merged, so a code can belong to several cities (28 → 成都, 资阳, 眉山) and a city can
  have several codes.
- A zh name looks like `广东省深圳市`, `广西南宁市`, `四川省成都市、资阳市、眉山市` or
  `西藏那曲地区、嘉黎县…`. The province is stripped (full or short name); each
  、-separated part is matched to a city of that province: exact city name, exact
  county name (→ the county's city), then the stem without 市/地区/盟/自治州/县/区 as a
  prefix of a city name (e.g. 云南红河 → 红河哈尼族彝族自治州, 贵州省铜仁地区 → 铜仁市),
  then of a county name (e.g. 潮阳市 → 潮阳区 → 汕头市). 直辖市 map to their single
  city entry (110100, 120100, 310100, 500100).
- Name aliases applied: {', '.join(f'{a} → {b}' for a, b in NAME_ALIASES.items())}.
- 省直辖县级 cities get their own code when the geocoder names them
  (湖北省仙桃市、潜江市、天门市 → 429004, 429005, 429006; 新疆石河子市 → 659001).

### Parts that matched a county (mapped to the county's city)

{bullets(report['non_city_parts'], lambda r: f"  - `{r[0]}` {r[1]} → {r[2]} ({r[3]})")}

### Geocoder entries / name parts that matched no city

Geocoder keys without any zh name (en name given; the same code is named in zh by another entry):
{bullets(report['entries_without_zh'], lambda r: f"  - `{r[0]}` {r[1]}")}

Name parts that matched no city:
{bullets(report['unmatched_parts'], lambda r: f"  - `{r[0]}` {r[1]}: part “{r[2]}” ({r[3]})")}

Geocoder entries with a zh name none of whose parts matched a city:
{bullets(report['entries_no_city'], lambda r: f"  - `{r[0]}` {r[1]}")}

Geocoder landline entries not used for any area code of the fixed_line pattern:
{bullets(report['entries_outside_codes'], lambda r: f"  - `{r}`")}

Area codes accepted by the fixed_line pattern that the geocoder does not name:
{bullets(report['codes_without_name'], lambda r: f"  - {r}")}

### Division cities without an area code

{len(report['cities_without_code'])} mainland city-level entries of `divisions.ron` (prefecture-level
cities and the directly administered county-level units of 河南, 湖北, 海南 and 新疆) get no area
code from the package (the {report['sar_tw_cities']} entries of 台湾/香港/澳门 are outside +86 and not
listed). They get theirs from `AREA_SUPPLEMENT` in the script (listed in `supplemented` of
`area_codes.ron`). Source: {SUPPLEMENT_SOURCE}. The script refuses a supplement whose code the
fixed_line pattern does not accept or that the package does not give to the neighbouring city
named, and stops when a city is left without a code (`tests/data_tables.rs` checks the same):
{bullets(report['supplemented'], lambda r: f"  - {r[0]} {r[1]} → {r[2]} (as {r[3]} {r[4]}; {r[5]})")}

### Cities with several area codes

{bullets(multi, lambda r: f"  - {r[0]}: {', '.join(r[1])}")}

### Area codes shared by several cities

{bullets(sorted(shared_codes.items(), key=lambda r: (len(r[0]), r[0])), lambda r: f"  - {r[0]}: {', '.join(r[1])}")}

## mobile_numbers.ron

`prefixes` is the minimal list of digit prefixes such that an {MOBILE_LENGTH}-digit number is a
valid CN mobile number (per the `mobile` `national_number_pattern` of `region_CN.py`) iff it
starts with one of them. Pattern in {VERSION}:

    {mobile_pattern}

Derived by splitting prefixes of "1" until 11 sample completions of each prefix all match
or all fail (a prefix is emitted when all match), then verified:

- every 6-digit prefix 1xxxxx with 10 random completions: {mstats['exhaustive_agree']:,} of
  {mstats['exhaustive']:,} numbers agree;
- {mstats['sample']:,} random 11-digit numbers starting with 1 (seeded): {mstats['sample_agree']:,}
  agree ({mstats['sample_accepted']:,} of them are mobile numbers).

Prefixes ({len(prefixes)}):
{prefix_lines}

## mobile_provinces.ron

The province a mobile number is registered in, by its first {MOBILE_PREFIX_DIGITS} digits, for the
provinces that require a local mobile number (`local_mobile_required` in `provinces.ron`).
Read from the geocoder's +86 mobile entries (`861[3-9]…`, keys of 3 to {MOBILE_PREFIX_DIGITS} digits after
86, zh names such as `山东省济南市`); the province is the zh name's leading province name
(matched against `divisions.ron`), the city is dropped. Each {MOBILE_PREFIX_DIGITS}-digit prefix takes the
province of the longest geocoder key that starts it (the geocoder's own lookup rule), which
gives {counts['mobile_province_prefixes']:,} prefixes; consecutive prefixes of the same province are stored as one
run ({counts['mobile_province_runs']:,} runs). A prefix the geocoder does not name is not listed: beian gives no
verdict on it. The script re-expands the written runs and stops unless they equal the
geocoder's prefixes one for one; `expanded_count`, `expanded_sha256` (SHA-256 of the lines
`PREFIX PROVINCE` in order) and `samples` ({MOBILE_PROVINCE_SAMPLES} {MOBILE_PREFIX_DIGITS}-digit geocoder entries with their zh names, seeded)
let `cargo test` check the committed table without Python or network
(`tests/data_tables.rs`).
"""


# ---- main --------------------------------------------------------------------------------------
def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--wheel", type=Path, help="use this already downloaded wheel (still sha256-verified)")
    ap.add_argument("--check", action="store_true", help="only validate the existing output files")
    args = ap.parse_args()

    div = Divisions(parse_ron(DIVISIONS.read_text(encoding="utf-8"), "divisions.ron"))

    if args.check:
        counts = validate(OUT_AREA.read_text(encoding="utf-8"), OUT_MOBILE.read_text(encoding="utf-8"), div)
        counts |= validate_mobile_provinces(OUT_MOBILE_PROV.read_text(encoding="utf-8"), None, div)
        print(f"make-phone-data: OK: {counts}")
        return

    data = assetlib.fetch_package(SCRIPT, "pypi", PACKAGE, VERSION, WHEEL_SHA256,
                                  filename=WHEEL_NAME, local=args.wheel, hint=UPGRADE_HINT)

    pkg = load_wheel(data)
    cities, report = build_area_codes(pkg["geo"], pkg["fixed_pattern"], div)
    log("deriving mobile prefixes")
    prefixes = mobile_prefixes(pkg["mobile_pattern"])
    log(f"verifying {len(prefixes)} mobile prefixes against the pattern")
    mstats = verify_mobile(pkg["mobile_pattern"], prefixes)

    supplemented = [r[0] for r in report["supplemented"]]
    area_text, mobile_text = render_area(cities, supplemented), render_mobile(prefixes)
    counts = validate(area_text, mobile_text, div)
    log("mapping mobile prefixes to provinces")
    expanded, mobile_names = build_mobile_provinces(pkg["geo"], div)
    ranges = mobile_ranges(expanded)
    prov_text = render_mobile_provinces(ranges, expanded, mobile_names)
    counts |= validate_mobile_provinces(prov_text, expanded, div)

    for path, text in ((OUT_AREA, area_text), (OUT_MOBILE, mobile_text), (OUT_MOBILE_PROV, prov_text),
                       (LICENSE_FILE, pkg["license"])):
        assetlib.write_atomic(path, text)
    sizes = {"area": OUT_AREA.stat().st_size, "mobile": OUT_MOBILE.stat().st_size,
             "mobile_prov": OUT_MOBILE_PROV.stat().st_size}
    md = render_md(cities, report, prefixes, mstats, counts, sizes, pkg["mobile_pattern"])
    assetlib.write_atomic(OUT_MD, md)

    log(f"wrote {OUT_AREA.relative_to(ROOT)}, {OUT_MOBILE.relative_to(ROOT)}, "
        f"{OUT_MD.relative_to(ROOT)}, {LICENSE_FILE.relative_to(ROOT)}: {counts}")
    log(f"mobile check: {mstats}")
    log(f"cities without a code in the package (supplemented): {len(report['cities_without_code'])}; "
        f"unmatched name parts: {len(report['unmatched_parts'])}; "
        f"entries without zh: {len(report['entries_without_zh'])}; "
        f"codes without name: {report['codes_without_name']}")


if __name__ == "__main__":
    main()

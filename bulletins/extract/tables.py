"""Tables as a first-class input: find text tables, read them into one model, turn each cell into a fact.

Bulletins print their key figures in tables; as text they arrive as rows of cells split by tabs,
pipes (`|`, also trafilatura's rendering of an HTML `<table>`), runs of spaces (PDF text), or one
cell per line (a flattened web table: a label line, then one line per value). The reader works on
the line-preserving normalized text (`normalize(join_lines=False)`) so rows stay rows; every cell
keeps its character span, mapped back to the stored text.

Find, then interpret: `find_tables` locates blocks and splits them into a title, column heads and
rows of cells; `read_table` resolves what each column measures (绝对值 → level, 比上年增长% →
change, 占比 → share; a quantity noun such as 播种面积), each column's or row's unit (单位:亿元,
(亿元), a 计量单位 column, a unit in the cell), each row's parent (其中:, #, indentation) and
whether the rows are regions (a per-district table). `table_facts` makes the facts.
Conservative by construction: a block needs rows whose cells after the label are all numbers, so
prose (numbers inside sentences, lists) is never read as a table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from bulletins.extract import regions as reg
from bulletins.extract.catalog import child_name, indicator_code, within
from bulletins.extract.gazetteer import gazetteer
from bulletins.extract.lexicon import load_lexicon
from bulletins.extract.normalize import normalize
from bulletins.extract.periods import end_point, find_periods
from bulletins.extract.regions import region_code
from bulletins.extract.status import clause_status
from bulletins.extract.types import DocContext, Normalized
from bulletins.extract.units import multiplier_pattern, split_unit, to_base, unit_pattern, unit_table
from bulletins.model import Fact

_NUM = r"[+\-−–﹣]?\d[\d,]*(?:\.\d+)?"
_PLACEHOLDERS = frozenset({"-", "—", "--", "——", "…", "……", "/", "x", "X", "*"})
_SENTENCE_PUNCT = re.compile(r"[。;；!！?？,，]")
_OPEN, _CLOSE = "(（﹙【", ")）﹚】"
_PINYIN = re.compile(r"\((?=[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêńň]*[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü])"
                     r"[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêńň]+\)")
_NUMBERING = re.compile(
    r"^(?:\d{1,2}[.、．]|[(（]\d{1,2}[)）]|[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）])\s*"
)
_CJK = re.compile(r"[\u3400-\u9fff]")
_MD_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_CAPTION = re.compile(r"单位\s*[:：]\s*(?P<unit>[^\s,，;；)）]+)")
_MAX_LABEL = 30
_MAX_HEADER_LINES = 4
_YEAR_CELL = re.compile(r"^(?:19|20)\d{2}年")


@cache
def _lex() -> dict[str, Any]:
    return load_lexicon("tables")


@cache
def _compare_words() -> dict[str, str]:
    """Comparison words and the base they name (比上年同期 → 上年同期), shared with the sentence reader."""
    return {str(k): str(v) for k, v in load_lexicon("verbs")["compare_words"].items()}


@cache
def _cell_re() -> re.Pattern[str]:
    return re.compile(rf"^(?P<num>{_NUM})\s*(?P<unit>(?:{multiplier_pattern()})?(?:{unit_pattern()})|%|‰)?$")


@dataclass
class Cell:
    """One number of a table; offsets into the text the table was read from."""

    start: int
    end: int
    value: float
    unit: str  # the unit written in the cell itself ('' when the cell is a bare number)


@dataclass
class Column:
    """What a column of numbers measures, from its head."""

    head: str
    measure: str = "level"  # level | change | share
    unit: str | None = None
    noun: str | None = None  # a quantity the head names (播种面积, 地区生产总值), else None
    period: str | None = None
    compare: str | None = None
    role: str = "value"  # value | label | unit
    area: bool = False  # a column of one area in a table whose columns are areas (全市 | 广陵区 | 邗江区 …)
    region: str | None = None  # that area (None for the total column: the document's own area)
    status: str | None = None  # estimate | target said by the head (预计数, 预算数), else None
    relative: str | None = None  # prior | month | to_date: a period said relative to the table's


@dataclass
class Row:
    """A row: its label (cleaned), its place in the row tree and its cells, one per column."""

    label: str
    start: int  # where the label starts (read text)
    end: int  # end of the row's last cell
    indent: int
    content_indent: int
    child: bool
    cells: list[Cell | None]
    texts: list[str]  # the raw text of every column (the unit column is read from it)
    unit: str | None = None
    parent: Row | None = None
    region: str | None = None
    is_region: bool = False
    period: str | None = None  # a row that is a period (1月, 一季度) in a table of a series
    point: bool = False  # a stock at the end of the table's period (年末常住人口)
    own_period: str | None = None  # a period the label adds in parentheses (…营业收入(1—7月), …存款余额(8月末))
    head: Column | None = None  # in a table whose columns are areas, what the row measures (read like a head)


@dataclass
class Table:
    """One table found in a text: block span, title, column heads and rows (offsets into the read text)."""

    start: int
    end: int
    title: str
    heads: list[str]
    rows: list[Row]
    caption_unit: str | None = None
    columns: list[Column] = field(default_factory=list)
    region_table: bool = False
    period_table: bool = False
    area_columns: bool = False  # the areas are the columns and the indicators the rows (a transposed table)


# ---------------------------------------------------------------- cells and labels


def parse_cell(text: str) -> tuple[float, str, int, int] | None:
    """A cell that is one number (with an optional unit): (value, unit, start, end) within `text`."""
    s = text.strip()
    if not s or _YEAR_CELL.match(s):
        return None
    m = _cell_re().match(s)
    if not m:
        return None
    unit = m.group("unit") or ""
    if unit in ("年", "月", "日"):
        return None
    num = m.group("num").replace("−", "-").replace("–", "-").replace("﹣", "-").replace(",", "")
    try:
        value = float(num)
    except ValueError:
        return None
    offset = len(text) - len(text.lstrip())
    return value, unit, offset, offset + len(s)


def _is_unit_word(text: str) -> bool:
    s = text.strip()
    if not s or s in ("%", "‰"):
        return bool(s)
    mult, word = split_unit(s)
    return word in unit_table() or (mult != 1.0 and word == "")


def _clean_label(raw: str) -> str:
    """A row label without markers, numbering, pinyin glosses, inner spaces (品 名 → 品名)."""
    s = _PINYIN.sub("", raw).strip()
    s = re.sub(r"(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])", "", s)
    return s.strip(" :：")


def _split_marker(label: str) -> tuple[bool, str]:
    """(is a child row, label without its 其中:/# marker)."""
    for mk in sorted(_lex()["child_markers"], key=len, reverse=True):
        if label.startswith(mk):
            return True, label[len(mk):].lstrip(" :：")
    return False, label


#: What a label says in parentheses at its end: a unit (地区生产总值(亿元)) or a period (营业收入(1—7月)).
_TRAILING_PAREN = re.compile(rf"[{_OPEN}]\s*([^{_OPEN}{_CLOSE}]+?)\s*[{_CLOSE}]\s*$")


def _label_unit(label: str) -> tuple[str, str | None]:
    """地区生产总值(亿元) → (地区生产总值, 亿元)."""
    m = _TRAILING_PAREN.search(label)
    if m and _head_unit(m.group(1)):
        return label[:m.start()].rstrip(), _head_unit(m.group(1))
    return label, None


def _without_standard(label: str) -> str:
    """白酒(折65度) → 白酒: the measuring standard a product's figure is converted to is no part of its name."""
    m = _TRAILING_PAREN.search(label)
    if m and m.start() > 0 and m.group(1).startswith(tuple(_lex()["standard_openers"])):
        return label[:m.start()].rstrip()
    return label


def _label_period(label: str, ref_year: int | None) -> tuple[str, str | None]:
    """规模以上服务业营业收入(1—7月) → (…营业收入, 2025-01..2025-07): a row whose figures lag the table's
    period, or a stock dated in the label (存款余额(8月末)), says so in parentheses after its name."""
    m = _TRAILING_PAREN.search(label)
    if m is None or m.start() == 0:
        return label, None
    found = find_periods(m.group(1), ref_year)
    if len(found) == 1 and not found[0].compare and found[0].end - found[0].start == len(m.group(1)):
        return label[:m.start()].rstrip(), found[0].value  # the name without it, even when the year is unknown
    return label, None


def _head_unit(text: str) -> str | None:
    """A unit as a head or caption writes it, when the unit lexicon knows it (亿元, %, 万人, 百分点)."""
    s = text.strip().replace("％", "%")
    mapped = _lex()["head_units"].get(s)
    if mapped:
        return str(mapped)
    return s if s and _is_unit_word(s) else None


def _caption_unit(text: str) -> str | None:
    """单位：亿元 → 亿元; 单位：亿元、% → 亿元, the levels' unit (the changes are in % anyway); 单位：万亩、万吨
    names no one unit (the rows say theirs)."""
    one = _head_unit(text)
    if one:
        return one
    units = [_head_unit(u) for u in re.split(r"[、/／]", text)]
    levels = [u for u in units if u not in ("%", "‰")]
    return levels[0] if len(levels) == 1 and None not in units else None


def _is_label(text: str) -> bool:
    """A short line that can be a row label or a head (no sentence punctuation, not a number)."""
    s = _clean_label(text)
    return (0 < len(s) <= _MAX_LABEL and bool(_CJK.search(s)) and not _SENTENCE_PUNCT.search(s)
            and parse_cell(s) is None)


# ---------------------------------------------------------------- finding tables


@dataclass
class _Line:
    start: int
    text: str


def _lines(text: str) -> list[_Line]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append(_Line(pos, line))
        pos += len(line) + 1
    return out


def _split(line: _Line) -> tuple[str, list[tuple[int, str]]] | None:
    """The delimiter kind of a line and its cells as (offset, text); None for a line of one cell."""
    t = line.text
    if "\t" in t:
        kind, parts = "tab", _split_on(t, re.compile(r"\t"))
    elif "|" in t:
        kind, parts = "pipe", _split_on(t, re.compile(r"\|"))
        if parts and not parts[0][1].strip():
            parts = parts[1:]
        if parts and not parts[-1][1].strip():
            parts = parts[:-1]
    elif re.search(r"\S {2,}\S", t):
        kind, parts = "space", _split_on(t, re.compile(r"(?<=\S) {2,}(?=\S)"))
        while len(parts) >= 3 and all(len(p.strip()) == 1 and _CJK.match(p.strip()) for _, p in parts[:2]):
            parts = [(parts[0][0], t[parts[0][0]:parts[1][0] + len(parts[1][1])]), *parts[2:]]  # 全  县: one label
    else:
        tokens = [(m.start(), m.group()) for m in re.finditer(r"\S+", t)]
        n = 0
        while n < len(tokens) and parse_cell(tokens[-1 - n][1]) is not None:
            n += 1
        if n < 2 or n == len(tokens):
            return None
        numbers = tokens[len(tokens) - n:]
        if len(tokens) - n >= 2 and _is_unit_word(tokens[-1 - n][1]):
            numbers = [tokens[-1 - n], *numbers]  # 地区生产总值 亿元 1234.5 5.6: a unit column
            n += 1
        label_start = tokens[0][0]
        label_end = tokens[-1 - n][0] + len(tokens[-1 - n][1])
        return "single", [(label_start, t[label_start:label_end]), *numbers]
    if len(parts) < 2:
        return None
    return kind, parts


def _split_on(t: str, sep: re.Pattern[str]) -> list[tuple[int, str]]:
    out, pos = [], 0
    for m in sep.finditer(t):
        out.append((pos, t[pos:m.start()]))
        pos = m.end()
    out.append((pos, t[pos:]))
    return out


def _data_row(parts: list[tuple[int, str]], unit_at: int | None = None) -> bool:
    """A label, then cells that are all numbers, placeholders or unit words, at least one a number. The
    cell under a unit head (`unit_at`, counted after the label) may hold a unit the lexicon lacks (亿粒)."""
    label = parts[0][1]
    if not _is_label(label):
        return False
    numbers = 0
    for k, (_, cell) in enumerate(parts[1:]):
        s = cell.strip()
        if parse_cell(s) is not None:
            numbers += 1
        elif s and s not in _PLACEHOLDERS and not _is_unit_word(s) and not _INDEX_BASE.match(s) \
                and not (k == unit_at and _UNIT_AS_WRITTEN.fullmatch(s)):
            return False
    return numbers > 0


#: A unit cell as written under a unit head: a few characters, no digits (亿粒, 万千瓦时, 吨/公顷).
_UNIT_AS_WRITTEN = re.compile(r"[\u4e00-\u9fffA-Za-z/%‰()（）]{1,6}")


def _unit_column(line: _Line | None) -> int | None:
    """In a header line, the column of the unit head (指标 | 单位 | 10月 → 0, counted after the label)."""
    split = _split(line) if line is not None else None
    if split is None:
        return None
    heads = [re.sub(r"\s+", "", c) for _, c in split[1][1:]]
    return next((k for k, h in enumerate(heads) if h in _lex()["unit_heads"]), None)


#: The base of an index in a unit cell (居民消费价格指数 | 上年同期=100 | 100.3): the figures are index points.
_INDEX_BASE = re.compile(r"^[^=＝\s]{1,10}[=＝]100$")


def _group_row(parts: list[tuple[int, str]]) -> bool:
    return _is_label(parts[0][1]) and all(not c.strip() or c.strip() in _PLACEHOLDERS for _, c in parts[1:])


def _row(line: _Line, parts: list[tuple[int, str]]) -> Row:
    raw = parts[0][1]
    indent = line.start + parts[0][0]
    stripped = raw.lstrip()
    lead = len(raw) - len(stripped)
    child, rest = _split_marker(stripped)
    content = lead + (len(stripped) - len(rest))
    cells: list[Cell | None] = []
    texts = []
    for off, cell in parts[1:]:
        texts.append(cell.strip())
        parsed = parse_cell(cell)
        if parsed is None:
            cells.append(None)
            continue
        value, unit, a, b = parsed
        cells.append(Cell(line.start + off + a, line.start + off + b, value, unit))
    end = max((c.end for c in cells if c), default=line.start + len(line.text))
    return Row(label=rest, start=indent + lead, end=end, indent=lead, content_indent=content, child=child,
               cells=cells, texts=texts)


def _title_before(lines: list[_Line], i: int) -> tuple[str, int | None]:
    """The title (and captions) in the short lines right before line `i`, and where the title starts
    when it is a line of its own; a prose line's last words (…产量如下表:) give a title but no start."""
    titles: list[str] = []
    start: int | None = None
    j = i - 1
    while j >= 0 and len(titles) < 2:
        t = lines[j].text.strip()
        if not t:
            j -= 1
            continue
        if _is_label(t) or (_CAPTION.search(t) and len(t) <= _MAX_LABEL):
            titles.insert(0, t)
            start = lines[j].start
            j -= 1
            continue
        tail = re.split(r"[。;；!！?？]", t)[-1].strip()
        if tail and len(tail) <= 40:
            titles.insert(0, tail)
        break
    return " ".join(titles), start


def _delimited_tables(lines: list[_Line]) -> list[Table]:
    out: list[Table] = []
    i = 0
    while i < len(lines):
        split = _split(lines[i])
        header = next((ln for ln in reversed(lines[max(0, i - 2):i]) if ln.text.strip()), None)
        unit_at = _unit_column(header)
        if split is None or not _data_row(split[1], unit_at):
            i += 1
            continue
        kind = split[0]
        family = ("tab", "space", "single") if kind in ("tab", "space", "single") else ("pipe",)
        # header: the lines of the same delimiter right before the first data row
        h = i
        header_lines: list[_Line] = []
        while h > 0 and len(header_lines) < _MAX_HEADER_LINES:
            prev = lines[h - 1]
            ps = _split(prev)
            if (kind == "pipe" and "|" in prev.text) or (ps is not None and ps[0] in family):
                if ps is not None and _data_row(ps[1]):
                    break
                header_lines.insert(0, prev)
                h -= 1
                continue
            break
        rows: list[Row] = []
        pending: list[Row] = []
        j = i
        gap = 0
        while j < len(lines):
            sp = _split(lines[j])
            if sp is None and rows and len(pending) < 3 and _section_line(lines, j, family):
                pending.append(_row(lines[j], [(0, lines[j].text)]))  # 分三大门类 / 主要产品产量: a section head
                j += 1
                continue
            if sp is None or sp[0] not in family:
                if not lines[j].text.strip() and gap == 0 and rows:
                    gap += 1
                    j += 1
                    continue
                if kind == "pipe" and _MD_SEPARATOR.match(lines[j].text):
                    j += 1
                    continue
                break
            gap = 0
            if _MD_SEPARATOR.match(lines[j].text):
                j += 1
                continue
            if _data_row(sp[1], unit_at):
                rows.extend(pending)
                pending = []
                rows.append(_row(lines[j], sp[1]))
            elif _group_row(sp[1]) and len(pending) < 3:
                pending.append(_row(lines[j], sp[1]))
            else:
                break
            j += 1
        n_cols = max(len(r.cells) for r in rows)
        if kind != "pipe":
            # a title line that happens to hold a run of spaces (表1  2023年…) is no header row
            while header_lines and len(_split(header_lines[0])[1]) not in (n_cols, n_cols + 1):  # type: ignore[index]
                header_lines.pop(0)
        if not header_lines and kind == "single" and i > 0 and _single_header(lines[i - 1].text, n_cols):
            header_lines = [lines[i - 1]]  # 指标名称 单位 绝对数 比上年增长(%): heads split by single spaces
        heads = _delimited_heads(header_lines, n_cols, kind)
        data_rows = [r for r in rows if any(r.cells)]
        if len(data_rows) >= 2 or (data_rows and any(h_ for h_ in heads)):
            first = header_lines[0] if header_lines else lines[i]
            title, title_start = _title_before(lines, lines.index(first))
            start = title_start if title_start is not None else first.start
            out.append(Table(start=start, end=rows[-1].end, title=title, heads=heads, rows=rows))
        i = max(j, i + 1)
    return out


def _section_line(lines: list[_Line], j: int, family: tuple[str, ...]) -> bool:
    """A label on a line of its own between rows of a delimited table (分三大门类, 主要产品产量) heads the rows
    below it, when the next line is a data row of the same table."""
    text = lines[j].text.strip()
    if not text or not _is_label(text) or j + 1 >= len(lines):
        return False
    nxt = _split(lines[j + 1])
    return nxt is not None and nxt[0] in family and nxt[0] != "single" and _data_row(nxt[1])


def _single_header(text: str, n_cols: int) -> bool:
    """A line of n (or n+1) short heads split by single spaces, none a number, no sentence punctuation."""
    tokens = text.split()
    return len(tokens) in (n_cols, n_cols + 1) and not _SENTENCE_PUNCT.search(text) \
        and all(parse_cell(t) is None and len(t) <= 12 for t in tokens) and bool(_CJK.search(text))


def _delimited_heads(header_lines: list[_Line], n_cols: int, kind: str) -> list[str]:
    """One head per column of numbers (empty when unknown): stacked header rows joined per column, or a
    header cut by line breaks joined first and split after."""
    lines = [ln for ln in header_lines if not _MD_SEPARATOR.match(ln.text)]
    if not lines:
        return [""] * n_cols
    splits = [_split(ln) for ln in lines]
    cells = [[c for _, c in s[1]] if s else [ln.text] for s, ln in zip(splits, lines, strict=True)]
    if kind != "single" and all(len(c) == n_cols + 1 for c in cells):
        # stacked header rows: a head spanning columns (2023年 over 绝对值 | 增长) is written once, in
        # its first column; the cells after it that are empty belong to it
        stacked = [[x.strip() for x in c] for c in cells]
        for c in stacked[:-1]:
            for k in range(2, len(c)):
                c[k] = c[k] or c[k - 1]
        return ["".join(c[k + 1] for c in stacked) for k in range(n_cols)]
    if kind == "pipe":
        joined = "".join(ln.text.strip() for ln in lines)
        parts = [p.strip() for p in joined.strip("|").split("|")]
    else:
        parts = [c.strip() for c in cells[-1]] if kind != "single" else lines[-1].text.split()
    parts = [p for p in parts if p] if kind == "single" else parts
    if len(parts) == n_cols + 1:
        return parts[1:]
    if len(parts) == n_cols:
        return parts
    if len(parts) > n_cols:
        return parts[-n_cols:]
    return [""] * (n_cols - len(parts)) + parts


def _cell_per_line_tables(lines: list[_Line], taken: list[tuple[int, int]]) -> list[Table]:
    """Flattened tables: a label line, then k lines of one number each, repeated; heads before them."""
    body = [ln for ln in lines if ln.text.strip()]
    out: list[Table] = []
    i = 0
    while i < len(body):
        if any(a <= body[i].start < b for a, b in taken):
            i += 1
            continue
        k = _values_after(body, i)
        if not k:
            i += 1
            continue
        rows: list[Row] = []
        pending: list[Row] = []
        j = i
        while j < len(body):
            kj = _values_after(body, j)
            if kj == k:
                rows.extend(pending)
                pending = []
                rows.append(_flat_row(body, j, k))
                j += k + 1
            elif kj == 0 and _is_label(body[j].text) and len(pending) < 3 \
                    and (j + 1 < len(body) and _is_label(body[j + 1].text)):
                pending.append(_flat_row(body, j, 0, width=k))
                j += 1
            else:
                break
        data_rows = [r for r in rows if any(r.cells)]
        if len(data_rows) >= (2 if k >= 2 else 3):
            heads, title, start = _flat_heads(body, i, k)
            if any(heads) or all(c is None or c.unit for r in data_rows for c in r.cells):
                out.append(Table(start=start if start is not None else body[i].start, end=rows[-1].end,
                                 title=title, heads=heads, rows=rows))
                i = j
                continue
        i += 1
    return out


def _values_after(body: list[_Line], i: int) -> int:
    """How many one-number lines follow the label line `i` (0 when `i` is no label line)."""
    if not _is_label(body[i].text):
        return 0
    unit = int(i + 1 < len(body) and parse_cell(body[i + 1].text) is None and _is_unit_word(body[i + 1].text.strip()))
    k = numbers = 0
    while i + 1 + unit + k < len(body):
        cell = body[i + 1 + unit + k].text
        if parse_cell(cell) is not None:
            numbers += 1
        elif cell.strip() not in _PLACEHOLDERS:  # 规模以上工业增加值 / % / — / 8.6: an empty cell holds its place
            break
        k += 1
    return k + unit if numbers else 0  # a unit cell of its own (粮食 / 万吨 / 12.45 / 1.8) counts as a column


def _flat_row(body: list[_Line], i: int, k: int, width: int | None = None) -> Row:
    line = body[i]
    parts = [(0, line.text)]
    row = _row(line, parts)
    for n in range(k):
        cell_line = body[i + 1 + n]
        parsed = parse_cell(cell_line.text)
        if parsed is None:  # the row's unit cell
            row.cells.append(None)
        else:
            value, unit, a, b = parsed
            row.cells.append(Cell(cell_line.start + a, cell_line.start + b, value, unit))
        row.texts.append(cell_line.text.strip())
    if width:
        row.cells.extend([None] * (width - len(row.cells)))
        row.texts.extend([""] * (width - len(row.texts)))
    row.end = max((c.end for c in row.cells if c), default=line.start + len(line.text))
    return row


def _flat_heads(body: list[_Line], i: int, k: int) -> tuple[list[str], str, int | None]:
    """Column heads and title from the short lines before the first row: a line of a unit alone
    ((亿元)) belongs to the line before it, an open comparison (比上年同期) to the line after it; the
    last k pieces are the heads, the ones before them the title."""
    collected: list[_Line] = []
    j = i - 1
    while j >= 0 and len(collected) < 2 * k + 3:
        t = body[j].text.strip()
        if t.endswith((":", "：")) or parse_cell(t) is not None:
            break
        if not (_is_label(t) or _is_unit_only(t) or _CAPTION.search(t)):
            break
        collected.insert(0, body[j])
        j -= 1
    pieces: list[tuple[int, str]] = []
    open_compare = False
    for ln in collected:
        t = _clean_label(ln.text)
        if pieces and (_is_unit_only(t) or open_compare):
            pieces[-1] = (pieces[-1][0], pieces[-1][1] + t)
        else:
            pieces.append((ln.start, t))
        open_compare = _opens_compare(pieces[-1][1])
    if len(pieces) < k:
        return [""] * k, " ".join(p for _, p in pieces), pieces[0][0] if pieces else None
    heads = [p for _, p in pieces[len(pieces) - k:]]
    title_pieces = pieces[:len(pieces) - k]
    return heads, " ".join(p for _, p in title_pieces), pieces[0][0]


def _is_unit_only(text: str) -> bool:
    s = text.strip()
    return len(s) >= 2 and s[0] in _OPEN and s[-1] in _CLOSE and _head_unit(s[1:-1]) is not None


def _opens_compare(head: str) -> bool:
    """比上年同期 / 较上年: a comparison whose change word is on the next line."""
    core = re.sub(rf"[{_OPEN}][^{_CLOSE}]*[{_CLOSE}]", "", head)
    return bool(re.match(r"^(?:比|较|同比|与)", core)) and not any(w in core for w in ("增长", "增减", "增速",
                                                                                  "下降", "增幅", "±", "增加",
                                                                                  "减少", "提高"))


def find_tables(text: str) -> list[Table]:
    """Every text table of `text` (a line-preserving text), delimited ones first, then flattened ones."""
    lines = _lines(text)
    tables = _delimited_tables(lines)
    tables += _cell_per_line_tables(lines, [(t.start, t.end) for t in tables])
    return sorted(tables, key=lambda t: t.start)


# ---------------------------------------------------------------- interpreting tables


def _column(head: str, ref_year: int | None, *, known_only: bool = True) -> Column:
    """What a head says a column measures; `known_only` keeps a change's noun only when the catalog knows it
    (a row label of a table whose columns are areas names its quantity as freely as a level's)."""
    lex = _lex()
    h = _clean_label(head).replace("％", "%")
    col = Column(head=h)
    compact = re.sub(r"\s+", "", h)
    if compact in lex["label_heads"]:
        col.role = "label"
        return col
    if compact in lex["unit_heads"]:
        col.role = "unit"
        return col
    core = compact
    m = re.search(rf"[{_OPEN}]\s*([^{_OPEN}{_CLOSE}]+?)\s*[{_CLOSE}]", core)
    if m and _head_unit(m.group(1)):
        col.unit = _head_unit(m.group(1))
        core = core[:m.start()] + core[m.end():]
    elif core.endswith(("%", "‰")):
        col.unit, core = core[-1], core[:-1]
    cap = _CAPTION.search(core)
    if cap and _head_unit(cap.group("unit")):
        col.unit = col.unit or _head_unit(cap.group("unit"))
        core = core[:cap.start()] + core[cap.end():]
    if any(w in core for w in lex["change_heads"]):
        col.measure = "change"
        col.compare = _compare_of(core)
    elif any(w in core for w in lex["share_heads"]):
        col.measure = "share"
    col.relative = _relative(core, col.measure)
    said_status = clause_status(col.head)
    if col.measure == "level" and compact.endswith(tuple(lex["plan_heads"])):
        said_status = "target"  # 预算数 | 执行数: the budget's own amounts are the plan
    col.status = said_status if said_status in ("estimate", "target") else None
    said = re.sub(r"(?<=月)(?:同比|环比)", "", core)  # 1—9月同比(%): that span's change; 同比 is no base
    periods = [p for p in find_periods(said, ref_year)
               if p.value and not p.compare and (p.explicit_year or p.kind in ("span", "month"))]
    if periods and col.relative is None:
        col.period = periods[0].value
    words = [*lex["level_heads"], *(w for ws in lex["relative_heads"].values() for w in ws)]
    if col.measure != "level":  # 规上工业增加值增速(%): the change of the quantity it names
        words += [*lex["change_heads"], *lex["share_heads"], *_compare_words(), *_compare_words().values()]
    noun = re.sub(rf"[{_OPEN}][^{_CLOSE}]*[{_CLOSE}]", "", core)  # 指数(上年同月=100): a note
    for w in sorted(words, key=len, reverse=True):
        noun = noun.replace(w, "")
    for p in sorted(find_periods(noun, ref_year), key=lambda p: -p.start):
        noun = noun[:p.start] + noun[p.end:]
    noun = noun.strip(" :：-")
    col.noun = noun if len(_CJK.findall(noun)) >= 2 else None
    if known_only and col.measure != "level" and col.noun and indicator_code(col.noun) is None:
        col.noun = None  # 比上年增加 / 增速位次: words of the head, not a quantity the catalog knows
    return col


def _relative(core: str, measure: str) -> str | None:
    """How a head names its period relative to the table's: `to_date`, `month`, `prior`, or both
    (`prior+to_date` for 上年同期累计); None for a head that does not."""
    lex = _lex()["relative_heads"]
    kind = next((k for k in ("to_date", "month", "end") if any(w in core for w in lex[k])), None)
    if measure != "change" and any(w in core for w in lex["prior"]):  # 比上年增长: a change's base
        return f"prior+{kind}" if kind else "prior"
    return kind


def _shift_period(period: str | None, col: Column) -> str | None:
    """The period of a column from the table's period; None when a relative head cannot be resolved."""
    if col.relative is None:
        return col.period or period
    if not period:
        return None
    m = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?:\.\.(\d{4})-(\d{2}))?$", period)
    if not m:
        return None
    kind = col.relative.removeprefix("prior").lstrip("+")
    if kind in ("to_date", "month"):
        last, year = m.group(5) or m.group(2), m.group(4) or m.group(1)
        if last is None or m.group(3):
            return None  # a year or a day: no month to count to
        period = f"{year}-{last}" if kind == "month" else f"{year}-01..{year}-{last}"
    if col.relative.startswith("prior"):
        period = re.sub(r"\d{4}", lambda y: str(int(y.group()) - 1), period)
    return period


def _compare_of(core: str) -> str | None:
    best: tuple[int, str] | None = None
    for word, target in _compare_words().items():
        if word in core and (best is None or len(word) > best[0]):
            best = (len(word), target)
    return best[1] if best else None


def _link_parents(rows: list[Row]) -> None:
    """Each row's parent: the row above it with less indentation; a 其中/# row is a part of the row
    above it, and the rows that follow it indented like it (or deeper than that parent) are its siblings."""
    stack: list[Row] = []
    for r in rows:
        if r.child:
            while stack and stack[-1].indent > r.indent and not stack[-1].child:
                stack.pop()
            while stack and stack[-1].child and stack[-1].content_indent >= r.content_indent:
                stack.pop()
            r.parent = stack[-1] if stack else None
            stack.append(r)
            continue
        while stack:
            top = stack[-1]
            if top.child:
                base = top.parent.indent if top.parent else -1
                if r.indent > base and r.indent > 0:
                    r.parent = top.parent
                    r.child = True
                    r.content_indent = top.content_indent
                    break
                stack.pop()
                continue
            if top.indent >= r.indent:
                stack.pop()
                continue
            r.parent = top
            break
        stack.append(r)


@cache
def _town() -> re.Pattern[str]:
    """A row of a per-township table (towns are below the gazetteer's counties: regions lexicon town_endings)."""
    return re.compile(rf"[\u4e00-\u9fff]{{1,8}}(?:{'|'.join(load_lexicon('regions')['town_endings'])})")


@cache
def _zone() -> re.Pattern[str]:
    """A development zone's row in a table of areas (regions lexicon zone_endings)."""
    return re.compile(reg.zone_name())


def _own_level(label: str) -> bool:
    """县本级, 市本级: a government's own part of an area's total (tables lexicon own_level_rows)."""
    return label.endswith(tuple(_lex()["own_level_rows"]))


def _region_row(label: str) -> tuple[bool, str | None, bool]:
    """(is a region, its name, is a total row) for a row label."""
    if label in _lex()["total_rows"]:
        return True, None, True
    found = reg.find_regions(label)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(label) and not found[0].name.startswith("@"):
        return True, found[0].name, False
    named = gazetteer().short.get(label, [])
    if len(label) >= 3 and len({d.code for d in named}) == 1:
        return True, named[0].name, False  # 海北州, 恩施州: a row of a per-prefecture table, in its short form
    return False, None, False


def _area_columns(columns: list[Column]) -> bool:
    """指标 | 全市 | 广陵区 | 邗江区 …: every value column heads one area, so the rows are the indicators (marks
    each area column with its area; the total column's area is the document's)."""
    values = [c for c in columns if c.role == "value"]
    for c in values:
        head = re.sub(r"\s+", "", c.head)
        c.area, c.region, _total = _region_row(head)
        if not c.area and _zone().fullmatch(head):
            c.area, c.region = True, head
    named = [c for c in values if c.region]
    return len(values) >= 3 and len(named) >= 2 and all(c.area for c in values)


def _read_row_heads(rows: list[Row], ref_year: int | None) -> None:
    """Each row of a table whose columns are areas, read as a head: 地区生产总值（亿元）is a level in 亿元, the
    row 增长（%）under it is that quantity's change."""
    noun: str | None = None
    for r in rows:
        if not any(r.cells):
            continue
        r.head = head = _column(r.label, ref_year, known_only=False)
        if head.measure == "level":
            noun = head.noun
        elif head.noun is None:
            head.noun = noun


def _title_periods(title: str, ref_year: int | None) -> list:
    """The periods a table's title reports on: not a price base (按2020年不变价格) or a since-year (2020年以来)."""
    return [p for p in find_periods(title, ref_year)
            if p.value and not p.compare and p.kind in ("year", "span", "month", "point")
            and not title.startswith(("不变价", "价格", "=100", "以来"), p.end)]


def read_table(table: Table, ctx: DocContext | None = None) -> Table:
    """Resolve columns, row units, parents and regions of a found table (in place; returns it)."""
    ref_year = ctx.extra.get("year") if ctx is not None else None  # type: ignore[assignment]
    titled = [p for p in _title_periods(table.title, ref_year) if p.explicit_year]
    if titled:  # 2023年1—11月主要指标 | 1—11月 | …: the heads are in the title's year, not the document's
        ref_year = int(titled[0].value[:4])  # type: ignore[index]
    table.columns = [_column(h, ref_year) for h in table.heads]  # type: ignore[arg-type]
    table.area_columns = _area_columns(table.columns)
    if table.area_columns:
        _read_row_heads(table.rows, ref_year)
    noun, level = None, None
    for col in table.columns:
        if col.role != "value":
            continue
        if col.measure == "level":
            noun, level = col.noun, col
            continue
        if noun and col.noun is None:
            col.noun = noun  # 播种面积(亩) | 同比增减(%): the change of the quantity before it
        if (level is not None and col.period is None and col.relative is None
                and not (level.relative or "").startswith("prior")):  # 本期 | 上年同期 | 增长%: of 本期
            col.period, col.relative = level.period, level.relative  # 1—11月 | 同比增长(%): of that span
    cap = _CAPTION.search(table.title)
    if cap:
        table.caption_unit = _caption_unit(cap.group("unit"))
    else:
        m = re.search(rf"[{_OPEN}]\s*([^{_OPEN}{_CLOSE}]+?)\s*[{_CLOSE}]\s*$", table.title)
        table.caption_unit = _head_unit(m.group(1)) if m else None
    lex = _lex()
    for r in table.rows:
        label = _clean_label(r.label)
        label = _NUMBERING.sub("", label)
        label, r.unit = _label_unit(label)
        label, r.own_period = _label_period(label, ref_year)
        label = _without_standard(label)
        for w in lex["label_period_words"]:
            if label.startswith(w) and len(label) > len(w) + 1:
                label = label[len(w):]
        for w in lex["label_point_words"]:
            if label.startswith(w) and len(label) > len(w) + 1:
                label, r.point = label[len(w):], True  # 年末常住人口: a stock at the period's end
        if label.endswith(tuple(lex["stock_label_endings"])):
            r.point = True  # 各项存款余额 | 1-本月: the balance at the month's end
        r.label = label
        r.is_region, r.region, _total = _region_row(label)
        found = find_periods(label, ref_year)  # type: ignore[arg-type]
        if len(found) == 1 and found[0].start == 0 and found[0].end == len(label) and not found[0].compare:
            r.period = found[0].value  # 1月 / 一季度 / 2023年: a row of a series
    _link_parents(table.rows)
    for r in table.rows:
        p = r.parent
        if r.period and p is not None and any(p.cells) and not p.period and p.label:
            # 社会消费品零售总额 › #11月: the parent's figure for that month, not a series row
            r.label, r.own_period, r.period = p.label, r.period, None
    value_rows = [r for r in table.rows if any(r.cells)]
    towns = [r for r in value_rows if not r.is_region and _town().fullmatch(r.label)]
    if len(towns) >= 2 and 2 * len(towns) >= len(value_rows):  # 分乡镇 table: 长安镇, 浮石镇… (below the gazetteer)
        for r in towns:
            r.is_region, r.region = True, r.label
    regional = [r for r in value_rows if r.is_region]
    label_head = next((c for c in table.columns if c.role == "label"), None)
    table.region_table = len(regional) >= 2 and 2 * len(regional) >= len(value_rows)
    if table.region_table:  # 大亚湾开发区, 阿拉善高新技术产业开发区: a zone's row among the areas' (no code)
        for r in value_rows:
            if not r.is_region and _zone().fullmatch(r.label):
                r.is_region, r.region = True, r.label
    dated = [r for r in value_rows if r.period]
    table.period_table = not table.region_table and len(dated) >= 2 and 2 * len(dated) >= len(value_rows)
    if label_head is not None and re.sub(r"\s+", "", label_head.head) in ("地区", "区域", "区县", "县市区", "地区名称"):
        table.region_table = table.region_table or len(regional) >= 1
    return table


def _title_core(title: str, ref_year: int | None) -> str:
    """What a per-region table's title says is measured (2023年各区地区生产总值 → 地区生产总值)."""
    t = _CAPTION.sub("", title)
    t = re.sub(rf"[{_OPEN}][^{_CLOSE}]*[{_CLOSE}]", "", t)
    for p in sorted(find_periods(t, ref_year), key=lambda p: -p.start):
        t = t[:p.start] + t[p.end:]
    for r in sorted(reg.find_regions(t), key=lambda r: -r.start):
        t = t[:r.start] + t[r.end:]
    t = re.sub(r"^\s*附?表\s*\d*\s*", "", t)
    for w in sorted(_lex()["title_noise"], key=len, reverse=True):
        t = t.replace(w, "")
    t = re.sub(r"\s+", "", t).strip(":：、")
    return t if len(_CJK.findall(t)) >= 2 else ""


def _valued_parent(row: Row) -> Row | None:
    """The nearest parent row with numbers of its own (a heading row between is skipped)."""
    p = row.parent
    while p is not None and not any(p.cells):
        p = p.parent
    return p


def _suffix_from_parents(row: Row) -> str | None:
    """The quantity noun a part takes from its nearest parent naming one (粮食总产量 › 豆类 → 产量)."""
    ends = sorted(_lex()["child_suffix"].items(), key=lambda kv: -len(str(kv[0])))
    p = row.parent  # the nearest parent naming a quantity; a section head without numbers counts (主要产品产量 ›
    while p is not None:  # 汽车 › 新能源汽车: 产量)
        for end, suffix in ends:
            if p.label.endswith(str(end)):
                return str(suffix)
        p = p.parent
    return None


def _indicator(table: Table, row: Row, col: Column, title_core: str, whole: str | None) -> str | None:
    """The indicator of a cell: from its row, its column and the title (`title_core`, whose catalog code is
    `whole`)."""
    if table.region_table and not row.is_region and _own_level(row.label):
        return row.label + (col.noun or title_core)  # 县本级: the county government's own part of the total
    if table.area_columns:
        return col.noun
    if table.region_table or table.period_table:
        if col.noun and len(col.noun) <= 3 and title_core.endswith(col.noun):
            return title_core  # 居民消费价格指数 › 指数: the head abbreviates the title's measure
        return col.noun or title_core or None
    label = row.label
    if label in _lex()["sum_rows"] and whole:
        return title_core  # 一般公共预算支出执行情况表 › 合计: the quantity the table breaks down
    if row.parent is None and not col.noun and whole and not within(indicator_code(label), whole):
        # 居民消费价格…涨跌幅 › 衣着: the CPI's category (衣着价格, as bulletins write it), not the spending one
        said = next((label + title_core[-n:] for n in range(2, min(5, len(title_core)))
                     if within(indicator_code(label + title_core[-n:]), whole)), None)
        named = said or child_name(title_core, label)
        if named:
            return named
    if col.noun and not label.endswith(col.noun):
        return label + col.noun
    if row.parent is not None and not label.endswith(tuple(_lex()["quantity_endings"])):
        parent = _valued_parent(row)
        named = child_name(parent.label, label) if parent is not None else None
        if named:
            return named  # 社会消费品零售总额 › 城镇: 城镇消费品零售额
        suffix = _suffix_from_parents(row)
        if suffix and not label.endswith(suffix):
            return label + suffix
    return label or None


# ---------------------------------------------------------------- facts

_YEAR_OR_SPAN = re.compile(r"^\d{4}$|^\d{4}-\d{2}\.\.\d{4}-\d{2}$")


def _context_period(ctx: DocContext | None, before: list[Fact], start: int) -> str | None:
    """The period of a table that names none: the document's title period, else the period of the
    text the table is printed under (the last fact before it), else the document's year when dated."""
    if ctx is not None:
        head = ctx.extra.get("head_period")
        value = getattr(head, "value", None)
        if value:
            return str(value)
    for f in reversed(before):
        if f.span_start < start and f.period and _YEAR_OR_SPAN.match(f.period) and f.status == "actual":
            return f.period
    if ctx is not None and ctx.doc_date is not None and ctx.extra.get("year"):
        return str(ctx.extra["year"])
    return None


def _lead_period(text: str, start: int, ref_year: int | None) -> str | None:
    """A period opening a sentence of the paragraph right before the table (2023年,全县…。主要作物如下表:)."""
    end = text.rfind("\n", 0, start)
    while end > 0 and not text[text.rfind("\n", 0, end) + 1:end].strip():
        end = text.rfind("\n", 0, end)
    if end <= 0:
        return None
    para = text[text.rfind("\n", 0, end) + 1:end]
    for p in find_periods(para, ref_year):
        opens = p.start == 0 or para[p.start - 1] in "。;；!！?？ "
        if p.value and not p.compare and opens and para[p.end:p.end + 1] in (",", "，", ""):
            return p.value
    return None


def _compare_to(col: Column, period: str | None) -> str | None:
    base = col.compare
    annual = bool(period and len(period) == 4 and period.isdigit())
    if base is None:
        if not period:
            return None
        return "上年" if annual else "上年同期"
    if base == "上年同期" and annual:
        return "上年"
    if base == "上期" and period and re.fullmatch(r"\d{4}-\d{2}", period):
        return "上月"  # 环比 in a month
    return base


@dataclass
class TableRead:
    """The facts of a document's tables and the stored-text ranges those tables cover."""

    facts: list[Fact]
    blocks: list[tuple[int, int]]


_MIGHT = re.compile(
    r"\t|\||\S {2,}\S|\u3000"  # tabs, pipes, runs of spaces
    r"|\n[ \t]*[+\-−]?\d[\d,.]*[^\n\S]*(?:[%‰]|\S{1,3})?[ \t]*\n"  # a line that is one number
    r"|\S [+\-−]?\d[\d,.]*%? [+\-−]?\d[\d,.]*%?[ \t]*(?:\n|$)"  # a line ending in two numbers
)


def might_have_table(text: str) -> bool:
    """Cheap test before reading tables: a tab, a pipe, a run of spaces between words, a line that is
    one number, or a line that ends in two numbers."""
    return bool(_MIGHT.search(text))


def table_facts(text: str, *, doc: str, doc_id: str, ctx: DocContext | None = None,
                prose: list[Fact] | None = None) -> TableRead:
    """Facts of every table of the stored `text`, spans into it; `prose` are the sentence facts (their
    periods frame a table that names none)."""
    if not might_have_table(text):
        return TableRead([], [])
    norm = normalize(text, join_lines=False)
    facts: list[Fact] = []
    blocks: list[tuple[int, int]] = []
    ref_year = ctx.extra.get("year") if ctx is not None else None
    for table in find_tables(norm.text):
        read_table(table, ctx)
        made = _facts_of(table, norm, text, doc=doc, doc_id=doc_id, ctx=ctx, prose=prose or [],
                         ref_year=ref_year)  # type: ignore[arg-type]
        if made:
            facts += made
            blocks.append(norm.orig_span(table.start, table.end))
    return TableRead(facts, blocks)


def _facts_of(table: Table, norm: Normalized, text: str, *, doc: str, doc_id: str, ctx: DocContext | None,
              prose: list[Fact], ref_year: int | None) -> list[Fact]:
    title_periods = _title_periods(table.title, ref_year)
    start_orig = norm.orig_span(table.start, table.end)[0]
    table_period = (title_periods[0].value if title_periods else _lead_period(norm.text, table.start, ref_year)
                    or _context_period(ctx, prose, start_orig))
    title_core = _title_core(table.title, ref_year)
    whole = indicator_code(title_core) if title_core else None
    base_region = ctx.region if ctx is not None else None
    if table.region_table and base_region in {r.region for r in table.rows}:
        base_region = None  # the total of a per-county table is not one of its counties
    title_status = clause_status(table.title)
    unit_col = next((k for k, c in enumerate(table.columns) if c.role == "unit"), None)
    out: list[Fact] = []
    for row in table.rows:
        if table.region_table and not row.is_region and not _own_level(row.label):
            continue
        if table.period_table and not row.period and row.label not in _lex()["total_rows"]:
            continue
        region = row.region if table.region_table and row.region else base_region
        if table.area_columns and (row.head is None or not row.head.noun):
            continue
        for k, cell in enumerate(row.cells):
            if cell is None or (k >= len(table.columns) and table.columns):
                continue
            col = table.columns[k] if table.columns else Column(head="")
            if col.role != "value":
                continue
            if table.area_columns and row.head is not None:  # the column gives the area, the row the rest
                region, col = col.region or base_region, row.head
            if not col.head and not cell.unit:
                continue  # a column nobody named and a bare number: nothing says what it is
            unit = _unit(table, row, col, cell, unit_col)
            if unit is None:
                continue
            name = _indicator(table, row, col, title_core, whole)
            if not name:
                continue
            if table.period_table and row.period:
                period = row.period
            elif row.own_period and col.relative is None:
                period = row.own_period  # the label's own period beats the table's and the column's
            else:
                period = _shift_period(row.own_period or table_period, col)
            stock = row.point or (col.relative is not None and "end" in col.relative) \
                or (col.measure == "change" and col.compare in ("上年末", "年初"))  # 比上年末增减: of a stock
            if period and stock:
                period = end_point(period)
            status = col.status or title_status
            status = status if status in ("estimate", "target") else "actual"
            start, end = norm.orig_span(cell.start, cell.end)
            value_base, unit_base = to_base(cell.value, unit)
            out.append(Fact(
                doc_id=doc_id, doc=doc, span_start=start, span_end=end, quote=text[start:end],
                sentence=_row_text(text, norm, table, row), indicator=name, indicator_code=indicator_code(name),
                region=region, region_code=region_code(region), period=period, measure=col.measure,
                value=cell.value, unit=unit,
                value_base=value_base, unit_base=unit_base, status=status, qualifier="exact",
                compare_to=_compare_to(col, period) if col.measure == "change" else None,
            ))
    return out


def _unit(table: Table, row: Row, col: Column, cell: Cell, unit_col: int | None) -> str | None:
    """The unit of one cell: its own, else (a level) the row's unit column or label, the column head, the
    caption; a change or share is in % unless its head says otherwise."""
    if cell.unit:
        return cell.unit
    if col.measure in ("change", "share"):
        return col.unit or "%"
    if unit_col is not None and unit_col < len(row.texts):
        u = _head_unit(row.texts[unit_col]) or (row.texts[unit_col] if _UNIT_AS_WRITTEN.fullmatch(
            row.texts[unit_col]) and row.texts[unit_col] not in _PLACEHOLDERS else None)
        if u:
            return u
    return row.unit or col.unit or _parents_unit(row) or table.caption_unit or ""


def _parents_unit(row: Row) -> str | None:
    """地区生产总值（亿元） over an indented 第一产业增加值 that names no unit: the part is in its whole's unit."""
    parent = row.parent
    while parent is not None:
        if parent.unit:
            return parent.unit
        parent = parent.parent
    return None


def _row_text(text: str, norm: Normalized, table: Table, row: Row) -> str:
    a, b = norm.orig_span(row.start, row.end)
    body = re.sub(r"\s+", " ", text[a:b]).strip()
    return f"{table.title} | {body}" if table.title else body


def merge_facts(prose: list[Fact], read: TableRead) -> list[Fact]:
    """Sentence facts outside the tables, and the table facts, in text order."""
    if not read.blocks:
        return prose
    kept = [f for f in prose if not any(a <= f.span_start < b for a, b in read.blocks)]
    return sorted(kept + read.facts, key=lambda f: (f.span_start, f.span_end))



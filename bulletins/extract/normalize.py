"""Text repair for matching, keeping an exact map back to the stored text.

Two kinds of edits only, so the offset map stays trivially exact:
- one-for-one character replacements (full-width → half-width, odd spaces → space,
  traditional → simplified, an HTML space entity's `&` → space);
- deletions (zero-width characters, line breaks inside a sentence, page furniture,
  boilerplate lines, repeated paragraphs, pinyin glosses, doubled punctuation, markup,
  figure captions and button lines).
A phrase replaced by a shorter one (记忆体 → 内存) is both: its first and last characters
are rewritten in place and the ones between deleted, so a span over the new phrase still
covers the whole old one. Nothing is ever inserted, so `to_orig` is just the list of kept positions.
"""

from __future__ import annotations

import itertools
import re
from functools import cache, lru_cache
from typing import Any

from opencc import OpenCC

from bulletins.extract.lexicon import load_lexicon
from bulletins.extract.types import Normalized
from bulletins.extract.units import multiplier_pattern, unit_pattern

_CJK = r"\u3400-\u9fff"
_FULLWIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}


@cache
def _rules() -> dict[str, Any]:
    """Compiled normalization rules from `lexicon/normalize.yaml`."""
    lex = load_lexicon("normalize")
    table: dict[int, int | None] = dict(_FULLWIDTH)
    for ch in lex["spaces"]:
        table[ord(ch)] = ord(" ")
    for ch in lex["zero_width"]:
        table[ord(ch)] = None  # marked for deletion below (translate keeps length: see _translate)
    for src, dst in lex["char_map"].items():
        table[ord(src)] = ord(dst)
    furniture = re.compile("|".join(f"(?:{p})" for p in lex["page_furniture"]))
    boiler = re.compile("|".join(f"(?:{p})" for p in lex["boilerplate_lines"]))
    page_number = re.compile("|".join(f"(?:{p})" for p in lex["page_number_lines"]))
    return {
        "table": {k: (v if v is not None else 0) for k, v in table.items()},
        "zero_width": frozenset(lex["zero_width"]),
        "furniture": furniture,
        "boiler": boiler,
        "page_number": page_number,
        "end_punct": frozenset(lex["line_end_punct"]),
        "clause_continues": frozenset(lex["clause_continues"]),
        "ratio_signs": frozenset(lex["ratio_signs"]),
        "min_join_line": int(lex["min_join_line"]),
        "wrap_min_lines": int(lex["wrap_min_lines"]),
        "wrap_width_quantile": float(lex["wrap_width_quantile"]),
        "wrap_full_share": float(lex["wrap_full_share"]),
        "wrap_min_width": int(lex["wrap_min_width"]),
        "wrap_full_lines": float(lex["wrap_full_lines"]),
        "no_join_start": re.compile(lex["no_join_start"]),
        "heading_start": re.compile(lex["heading_start"]),
        "metadata_line": re.compile(lex["metadata_line"]),
        "body_punct": frozenset(lex["body_punct"]),
        "min_dup_paragraph": int(lex["min_dup_paragraph"]),
        "spaced_ratio": float(lex["letter_spaced_min_ratio"]),
        "spaced_chars": int(lex["letter_spaced_min_chars"]),
        "no_unit_join": frozenset(str(u) for u in lex["no_join_units"]),
        **_noise_rules(lex),
    }


def _noise_rules(lex: dict[str, Any]) -> dict[str, Any]:
    """Compiled rules for noisy text: glosses, doubled marks, spaced characters, markup, regional words."""
    marks = lex["pinyin_tone_marks"]
    letters = f"a-z\u00fc{marks}"
    syllable = rf"[{letters}]{{1,7}}[1-5]?"
    folded = "aaaaeeeeiiiioooouuuuuuuunnnm"
    if len(folded) != len(marks):
        raise ValueError("normalize.yaml: pinyin_tone_marks must list the 28 marked letters")
    phrases = {str(k): str(v) for k, v in lex["regional_phrases"].items()}
    longer = [k for k, v in phrases.items() if len(v) > len(k) or not v]
    if longer:
        raise ValueError(f"normalize.yaml: regional phrases may not grow (offsets would break): {longer}")
    strength, own = lex["punct_strength"], lex["punct_self_only"]
    run = int(lex["spaced_cjk_min_run"])
    return {
        "gloss": re.compile(rf"(?<=[{_CJK}])\(({syllable}(?:[ ']{syllable}){{0,3}})\)"),
        "syllables": frozenset(lex["pinyin_syllables"].split()),
        "tone_fold": str.maketrans(marks + "\u00fc", folded + "u"),
        "tone_marks": frozenset(marks),
        "toneless_after": int(lex["pinyin_toneless_after"]),
        "punct_run": re.compile(
            "[" + re.escape("".join(strength)) + "]{2,}|" + "|".join(f"{re.escape(c)}{{2,}}" for c in own)
        ),
        "punct_rank": {c: i for i, c in enumerate([*strength, *own])},
        "spaced_cjk": re.compile(rf"[{_CJK}](?: [{_CJK}]){{{run - 1},}}"),
        "markup": re.compile("|".join(f"(?:{p})" for p in lex["markup"])),
        "script": re.compile(lex["script_markup"]),
        "change_colon": re.compile(lex["change_label_colon"]),
        "change_line": re.compile(lex["change_line_start"]),
        "date_space": re.compile(lex["date_space"]),
        "cell": re.compile(lex["markup_cell"]),
        "row_open": re.compile(lex["markup_row_open"]),
        "entity": re.compile(lex["entity"]),
        "space_entities": frozenset(lex["space_entities"]),
        "drop_lines": re.compile("|".join(f"(?:{p})" for p in lex["caption_lines"])),
        "regional": re.compile("|".join(sorted(map(re.escape, phrases), key=len, reverse=True))) if phrases else None,
        "regional_map": phrases,
        "regional_min": int(lex["regional_min_traditional"]),
    }


@cache
def _t2s() -> OpenCC:
    return OpenCC("t2s")


@cache
def _t2s_char(ch: str) -> str:
    """Simplified form of one character; multi-character answers are ignored to keep offsets one-to-one."""
    out = _t2s().convert(ch)
    return out if len(out) == 1 else ch


def _translate(text: str) -> tuple[str, int]:
    """One-for-one replacements: width, spaces, traditional characters (zero-width → NUL, dropped later).

    Returns the text and the number of distinct traditional characters converted.
    """
    rules = _rules()
    out = text.translate(rules["table"])
    conv = {ord(c): _t2s_char(c) for c in set(out) if "\u3400" <= c <= "\u9fff"}
    conv = {k: v for k, v in conv.items() if v != chr(k)}
    return (out.translate(conv) if conv else out), len(conv)


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def normalize(text: str, *, join_lines: bool = True) -> Normalized:
    """Repaired text for matching plus `to_orig`, the stored-text offset of every kept character.

    `join_lines=False` keeps every line break (the table reader needs a table's rows and cells
    on their own lines; the sentence reader wants a sentence cut by a break made whole).
    """
    rules = _rules()
    work, kept, lines = _repaired(text)
    keep = bytearray(kept)
    if join_lines:
        _join_broken_lines(work, keep, lines, rules)
    idx = list(itertools.compress(range(len(work)), keep))
    out = "".join(itertools.compress(work, keep))
    idx.append(len(text))
    return Normalized(text=out, to_orig=idx)


@lru_cache(maxsize=4)  # a document's sentence and table readers ask for the same text, with titles in between
def _repaired(text: str) -> tuple[str, bytes, list[tuple[int, int]]]:
    """Every repair but the joining of broken lines: the work text, its keep mask and its lines.

    The sentence reader (lines joined) and the table reader (lines kept) normalize the same document;
    the shared part is made once. An lru_cache, so that emptying the extractor's caches after a lexicon
    edit empties it too; callers copy the mask and never change the lines.
    """
    return _repair_all(text)


def _repair_all(text: str) -> tuple[str, bytes, list[tuple[int, int]]]:
    rules = _rules()
    work, n_traditional = _translate(text)
    keep = bytearray(b"\x01") * len(work)
    i = work.find("\x00")
    while i >= 0:
        if text[i] in rules["zero_width"]:
            keep[i] = 0
        i = work.find("\x00", i + 1)
    work = _repair_noise(work, keep, rules, regional=n_traditional >= rules["regional_min"])
    for m in rules["furniture"].finditer(work):
        keep[m.start() : m.end()] = bytes(m.end() - m.start())
    lines = _line_spans(work)
    seen: set[str] = set()
    min_dup = rules["min_dup_paragraph"]
    head = _head_lines(work, lines)
    after_page_number = False
    for s, e in lines:
        body = work[s:e]
        if keep.find(0, s, e) >= 0:
            body = "".join(itertools.compress(body, keep[s:e]))
        body = body.strip()
        if not body:
            continue
        if rules["page_number"].match(body):
            keep[s:e] = bytes(e - s)
            after_page_number = True
            continue
        chrome = rules["boiler"].match(body) or rules["drop_lines"].fullmatch(body)
        # the running header of the next page, right after a page number: the title, or a part of it
        running = after_page_number and len(compact := re.sub(r"\s+", "", body)) >= 8 and compact in head
        repeated = len(body) >= min_dup and body in seen and not _header_row(body)
        if chrome or running or repeated:
            keep[s:e] = bytes(e - s)
        seen.add(body)
        after_page_number = False
    _unspace_letter_spaced(work, keep, lines, rules)
    return work, bytes(keep), lines


_CELL_GAP = re.compile(r"\t|\||(?<=\S)(?: {2,}|\u3000+)(?=\S)")


def _header_row(body: str) -> bool:
    """指标⇥全市⇥广陵区…: a table's header row, which every table of a kind repeats (no repeated paragraph)."""
    return not any(ch.isdigit() for ch in body) and bool(_CELL_GAP.search(body))


def table_row(line: str) -> bool:
    """A line of three or more cells split by tabs, pipes or runs of spaces, with no sentence or label
    punctuation (发布时间：…　　来源：… is page metadata, not a row): a table's header or data row."""
    if re.search(r"[。；;：:，,]", line):
        return False
    return len([c for c in _CELL_GAP.split(line.strip()) if c.strip()]) >= 3


def _head_lines(work: str, lines: list[tuple[int, int]], n: int = 3) -> str:
    """The document's first lines joined without spaces (关于公安县2025年预算执行情况⏎和2026年…的报告): where a
    running header repeats its title."""
    out = []
    for s, e in lines:
        line = re.sub(r"\s+", "", work[s:e])
        if line:
            out.append(line)
        if len(out) == n:
            break
    return "".join(out)


def _repair_noise(work: str, keep: bytearray, rules: dict[str, Any], regional: bool) -> str:
    """Delete markup, pinyin glosses, doubled marks and spaces inside spaced-out words; map regional words.

    Marks deletions in `keep` and returns `work` with the few in-place rewrites (a space entity's
    `&`, the ends of a shortened regional phrase) applied; its length never changes.
    """
    over: dict[int, str] = {}
    if regional and rules["regional"] is not None:
        for m in rules["regional"].finditer(work):
            _replace(work, keep, over, m.start(), m.end(), rules["regional_map"][m.group()])
    for m in rules["markup"].finditer(work):
        keep[m.start() : m.end()] = bytes(m.end() - m.start())
    if "<t" in work:
        _cells_as_tabs(work, keep, over, rules)
    for m in rules["change_colon"].finditer(work):
        keep[m.start() : m.end()] = bytes(m.end() - m.start())
    if " " in work:
        for m in rules["date_space"].finditer(work):
            keep[m.start() : m.end()] = bytes(m.end() - m.start())
    if "{" in work:
        for m in rules["script"].finditer(work):
            keep[m.start() : m.start(1)] = bytes(m.start(1) - m.start())
            keep[m.end(1) : m.end()] = bytes(m.end() - m.end(1))
    if "&" in work:
        for m in rules["entity"].finditer(work):
            s, e = m.span()
            if m.group() in rules["space_entities"]:
                over[s] = " "
                s += 1
            elif m.group() == "&amp;":
                s += 1
            keep[s:e] = bytes(e - s)
    if "(" in work:
        _drop_glosses(work, keep, rules)
    for m in rules["punct_run"].finditer(work):
        rank = rules["punct_rank"]
        best = min(range(m.start(), m.end()), key=lambda i: rank[work[i]])
        keep[m.start() : best] = bytes(best - m.start())
        keep[best + 1 : m.end()] = bytes(m.end() - best - 1)
    if " " in work:
        for m in rules["spaced_cjk"].finditer(work):
            for i in range(m.start() + 1, m.end(), 2):
                keep[i] = 0
    if not over:
        return work
    chars = list(work)
    for i, c in over.items():
        chars[i] = c
    return "".join(chars)


def _cells_as_tabs(work: str, keep: bytearray, over: dict[int, str], rules: dict[str, Any]) -> None:
    """`<td>A</td><td>B</td>` → `A\tB`: each cell after the first of its row starts with a tab."""
    for m in rules["cell"].finditer(work):
        j = m.start()
        while j > 0 and work[j - 1] in " \t":
            j -= 1
        if j == 0 or work[j - 1] == "\n" or rules["row_open"].search(work, max(0, j - 200), j):
            continue  # the row's first cell
        keep[m.start()] = 1  # the tab; the tags and the line breaks between the cells go
        keep[m.start() + 1 : m.end()] = bytes(m.end() - m.start() - 1)
        over[m.start()] = "\t"


def _replace(work: str, keep: bytearray, over: dict[int, str], s: int, e: int, new: str) -> None:
    """Replace work[s:e] by the no longer `new`: rewrite its first and last characters, delete the ones between."""
    if len(new) == e - s:
        over.update({s + k: c for k, c in enumerate(new) if c != work[s + k]})
        return
    for k, c in enumerate(new[:-1]):
        over[s + k] = c
    over[e - 1] = new[-1]
    keep[s + len(new) - 1 : e - 1] = bytes(e - s - len(new))


def _drop_glosses(work: str, keep: bytearray, rules: dict[str, Any]) -> None:
    """Delete pinyin glosses after characters (國(guó)內(nèi) → 國內); (GDP), (PM2.5), (含), (kg) stay.

    Every syllable of a gloss must be pinyin; a gloss without a tone counts only in a document
    that has toned glosses already, so a lone (ha) or (de) is kept.
    """
    toned, toneless = [], []
    for m in rules["gloss"].finditer(work):
        body = m.group(1)
        if not all(_is_pinyin(w, rules) for w in re.split("[ ']", body)):
            continue
        has_tone = body[-1].isdigit() or any(c in rules["tone_marks"] or c.isdigit() for c in body)
        (toned if has_tone else toneless).append(m)
    if len(toned) >= rules["toneless_after"]:
        toned += toneless
    for m in toned:
        keep[m.start() : m.end()] = bytes(m.end() - m.start())


def _is_pinyin(word: str, rules: dict[str, Any]) -> bool:
    """`word` (tone marks or a final tone digit allowed) is one or more pinyin syllables."""
    word = word.rstrip("12345").translate(rules["tone_fold"])
    if not word or not word.isalpha():
        return False
    syl = rules["syllables"]
    ok = [True] + [False] * len(word)  # ok[i]: word[:i] splits into syllables
    for i in range(1, len(word) + 1):
        ok[i] = any(ok[j] and word[j:i] in syl for j in range(max(0, i - 6), i))
    return ok[-1]


_SINGLE_SPACE = re.compile(r"(?<=\S) (?=\S)")


def _unspace_letter_spaced(work: str, keep: bytearray, lines: list[tuple[int, int]], rules: dict[str, Any]) -> None:
    """Delete the single spaces of a letter-spaced line (PDF text: 全 市 生 产 总 值 4 3 7 6 0 . 7 亿 元).

    A line is letter-spaced when most of its characters are followed by one space; spaces
    between two ASCII letters (words) stay.
    """
    for s, e in lines:
        line = work[s:e]
        spaces = line.count(" ")
        chars = len(line) - spaces - line.count("\t") - line.count("\r")
        if chars < rules["spaced_chars"] or spaces < rules["spaced_ratio"] * (chars - 1):
            continue  # most lines: too few spaces to be letter-spaced, no scan needed
        gaps = list(_SINGLE_SPACE.finditer(line))
        if len(gaps) < rules["spaced_ratio"] * (chars - 1):
            continue
        for g in gaps:
            a, b = line[g.start() - 1], line[g.end()]
            if not (a.isascii() and a.isalpha() and b.isascii() and b.isalpha()):
                keep[s + g.start()] = 0


def _join_broken_lines(work: str, keep: bytearray, lines: list[tuple[int, int]], rules: dict[str, Any]) -> None:
    """Delete the line breaks (and blank lines) that cut a sentence or a word in two (城\\n\\n区公园绿地).

    A break is joined when the line before is body text (long, with clause punctuation, not a
    heading, not ending a sentence) and the next line is no new item (not indented, no list
    marker, no dateline). A number cut from its unit (15\\n万平方米) is joined whatever the line
    length; digits cut from digits (22\\n861吨) only when nothing but a line break lies between
    and the next line's number runs into a unit. A metadata line (日期:2024-01-20) is never
    joined: its date is complete, and the next line's year is a new number.
    """
    kept_lines = []
    for n, (s, e) in enumerate(lines):
        raw = "".join(itertools.compress(work[s:e], keep[s:e]))
        if raw.strip():
            kept_lines.append((n, s, e, raw))
    min_join = _min_join_line([raw for *_, raw in kept_lines], rules)
    carried = 0  # length of the lines already joined before this one: together they are one body line
    for (n1, s1, e1, raw_prev), (n2, s2, e2, raw_next) in itertools.pairwise(kept_lines):
        prev, nxt = raw_prev.strip(), raw_next.strip()
        body_len, carried_in, carried = carried + len(prev), carried > 0, 0
        if rules["metadata_line"].search(prev):
            continue
        cut_number = (prev[-1].isdigit() and (
            _starts_with_unit(nxt) or (nxt[0].isdigit() and n2 == n1 + 1 and _number_unit(nxt) is not None)
            or (nxt[:1] == "." and nxt[1:2].isdigit() and n2 == n1 + 1)  # 86⏎.42亿元: cut at the decimal point
        )) or (len(prev) >= 2 and prev[-1] == "." and prev[-2].isdigit() and nxt[:1].isdigit()
              and n2 == n1 + 1)  # 236.⏎48亿元: cut right after the decimal point
        # a name cut from its number (居民人均可支配收入\n47785元): a line ending in a word, the next
        # starting with a number and a unit that is no date or duration (一、农业\n2023年 stays apart)
        cut_name = (
            bool(re.match(rf"[{_CJK}]", prev[-1]))
            and (unit := _number_unit(nxt)) is not None
            and unit not in rules["no_unit_join"]
            and not rules["heading_start"].match(prev)
        )
        cut_ratio = (prev[-1].isdigit() and nxt[0] in rules["ratio_signs"]) or (
            prev[-1] in rules["ratio_signs"] and nxt[0].isdigit())
        # an aside between a name and its number, the wrap right after it (其他支出(含…等)\n1.97亿元): a body
        # line of full width ending in ), the next starting with a number and a unit that is no date
        cut_aside = (
            prev[-1] in ")）" and body_len >= min_join and (carried_in or any(c in rules["body_punct"] for c in prev))
            and (unit := _number_unit(nxt)) is not None and unit not in rules["no_unit_join"]
        )
        # a figure's change on the next line (…总产值：6182.35亿元⏎同比增长：5.6%)
        cut_change = bool(re.search(r"[0-9][\u4e00-\u9fff%‰]{0,4}$", prev)) and bool(rules["change_line"].match(nxt))
        cut_number = cut_number or cut_name or cut_ratio or cut_aside or cut_change
        if not cut_number:
            short = body_len < min_join and prev[-1] not in rules["clause_continues"]
            if short or prev[-1] in rules["end_punct"]:
                continue
            if not carried_in and not any(c in rules["body_punct"] for c in prev):
                continue  # (a line joined to the one before is body text already)
            if rules["heading_start"].match(prev) and not _states_quantity(prev, rules):
                continue  # a heading, unless it is an item stating a quantity ((一)教育支出 5,806 元,占支…)
            if raw_next[:1].isspace() or rules["no_join_start"].match(nxt):
                continue
            if prev[-1].isdigit() and nxt[0].isdigit():
                continue  # two numbers side by side: never glued unless provably one number cut
            if not (_is_joinable(prev[-1]) and _is_joinable(nxt[0])):
                continue
        carried = body_len
        # delete the trailing spaces of the first line, the breaks, and the leading spaces of the next
        i = e1
        while i > s1 and work[i - 1] in " \t\r":
            i -= 1
        j = s2
        while j < e2 and work[j] in " \t\r":
            j += 1
        keep[i:j] = bytes(j - i)


def _min_join_line(lines: list[str], rules: dict[str, Any]) -> int:
    """How long a line must be to be read as cut by the wrap: `min_join_line`, or less in text wrapped
    at a narrow width (PDF text, 27 characters a line), where a full body line is shorter than that.

    The wrap width is the length most body lines reach (`wrap_width_quantile` of the lines with
    clause punctuation); a line of `wrap_full_share` of it is a full line. A hard wrap shows as most of
    those lines (`wrap_full_lines`) within a few characters of the width, spaces left out."""
    body = sorted(len(x.strip()) for x in lines if any(c in rules["body_punct"] for c in x))
    if len(body) < rules["wrap_min_lines"]:
        return rules["min_join_line"]
    width = body[int(rules["wrap_width_quantile"] * (len(body) - 1))]
    solid = sorted(len(re.sub(r"\s", "", x)) for x in lines if any(c in rules["body_punct"] for c in x))
    solid_width = solid[int(rules["wrap_width_quantile"] * (len(solid) - 1))]  # spaces around numbers vary
    full = sum(solid_width - 3 <= n <= solid_width + 1 for n in solid)
    if full < rules["wrap_full_lines"] * len(body):
        return rules["min_join_line"]  # lines of many lengths (a list of titles): no hard wrap
    return max(rules["wrap_min_width"], min(rules["min_join_line"], int(rules["wrap_full_share"] * width)))


def _states_quantity(line: str, rules: dict[str, Any]) -> bool:
    """A number with a unit that is no date or duration part (5,806,105.16 元; not 2023年)."""
    return any(m.group("unit") not in rules["no_unit_join"] for m in _number_unit_start().finditer(line))


def _starts_with_unit(line: str) -> bool:
    return bool(_unit_start().match(line))


def _number_unit(line: str) -> str | None:
    """The unit word (without multiplier) of a number that opens `line`, or None."""
    m = _number_unit_start().match(line)
    return m.group("unit") if m else None


@cache
def _number_unit_start() -> re.Pattern[str]:
    return re.compile(rf"[0-9][0-9.,]*\s?(?:{multiplier_pattern()})?(?P<unit>{unit_pattern()})")


@cache
def _unit_start() -> re.Pattern[str]:
    return re.compile(rf"(?:{multiplier_pattern()})?(?:{unit_pattern()})")


def _is_joinable(ch: str) -> bool:
    return bool(re.match(rf"[{_CJK}0-9A-Za-z%“”\"(),、]", ch))

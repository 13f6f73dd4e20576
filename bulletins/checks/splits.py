"""Counts of a set split by a predicate: 11个设区市中，有5个市高于全省平均水平，6个市低于全省平均水平.

Bulletins rank areas, branches and firms this way (`40个工业行业大类中有29个行业增加值保持增长`). A part of
the set never exceeds it, and parts whose predicates are complements (高于/低于 the average, 增长/下降)
cover it, so a misprinted count shows. Which words are complements is data (checks.yaml `count_complements`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from bulletins.checks.base import Context, Prepared, Row, fmt, make_result, prepare, summary_pass
from bulletins.checks.totals import _as_in_sentence, _located_by_doc, _ratio_tolerance, _sentences
from bulletins.extract.indicator import SPLIT_SET_END, SPLIT_SET_NOUN
from bulletins.model import CheckResult

#: between the set's count and its first part: the extractor's split words (the set's noun, then 中 or 有), and
#: a part said with its predicate first (…中，实现增加值增长的企业31家)
_SET_NOUN = re.compile(rf"{SPLIT_SET_NOUN}(?:{SPLIT_SET_END}(?:[^，,。；;\d]{{1,20}}?的[^，,。；;\d]{{1,8}})?)")
_CLAUSE_END = re.compile(r"[，,。；;]")
#: 46家规模以上工业企业中，实现增加值增长的企业31家，增长面为67.4%: the share a part is of its set
#: (the words, checks.yaml split_share_words, fill the {words} slot)
_PART_SHARE = r"^[^，,。；;\d]{{0,20}}[，,]?\s*(?:{words})(?:为|达到|达)?\s*$"


def _end(sent: str, r: Row, at: int) -> int:
    found = _as_in_sentence(r.quote).search(sent, at)
    return found.end() if found else at


def _same_base(parts: list[tuple[Row, str]], words: list[str | None]) -> bool:
    """高于全省平均水平 / 低于全省平均水平 cover the set; 高于全国… / 低于全省… do not (a city may be in both)."""
    bases = {_CLAUSE_END.split(text[text.find(w) + len(w):])[0].strip()
             for (_, text), w in zip(parts, words, strict=True) if w is not None}
    return len(bases) == 1


def _predicate_word(text: str, words: Sequence[str]) -> str | None:
    """The complement word a part's predicate ends with (…低于全省平均水平 → 低于; 实现正增长 → 正增长)."""
    hits = [w for w in words if w in text]
    return max(hits, key=len) if hits else None


def _split(sent: str, placed: list[tuple[int, Row]], i: int, count_units: frozenset[str],
           openers: Sequence[str]) -> tuple[Row, list[tuple[Row, str]]] | None:
    """The set counted at placed[i] and its parts with the text of each part's predicate, if it is one."""
    at, whole = placed[i]
    if not _count(whole, count_units) or i + 1 >= len(placed):
        return None
    first_at = placed[i + 1][0]
    if not _SET_NOUN.fullmatch(sent[_end(sent, whole, at):first_at]):
        return None
    parts: list[tuple[Row, str]] = []
    for k in range(i + 1, len(placed)):
        a, r = placed[k]
        nxt = placed[k + 1][0] if k + 1 < len(placed) else len(sent)
        if not (_count(r, count_units) and r.unit == whole.unit
                and (r.period, r.status, r.region) == (whole.period, whole.status, whole.region)):
            break
        parts.append((r, sent[_end(sent, r, a):nxt]))
        if any(o in parts[-1][1] for o in openers):
            break  # …，其中5个增长10%以上: what follows is a part of this part
    return (whole, parts) if parts else None


def _part_share(sent: str, placed: list[tuple[int, Row]], k: int, part: Row, words: Sequence[str]) -> Row | None:
    """The share stated right after a split's one part (…的企业31家，增长面为67.4%), if any."""
    if k + 1 >= len(placed) or not words:
        return None
    at, r = placed[k + 1]
    gap = sent[_end(sent, part, placed[k][0]):at]
    ok = r.measure == "share" and r.unit == "%" and r.exact and r.value is not None
    return r if ok and _part_share_re(tuple(words)).match(gap) else None


@lru_cache(maxsize=8)
def _part_share_re(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(_PART_SHARE.format(words="|".join(map(re.escape, words))))


def _count(r: Row, count_units: frozenset[str]) -> bool:
    return r.measure == "level" and r.exact and r.value is not None and r.unit in count_units


def split_counts(facts: Prepared, ctx: Context | None = None) -> list[CheckResult]:
    """N个X中，有a个…，b个…: every part is at most N, and parts naming complementary predicates sum to N."""
    p = prepare(facts, ctx)
    ctx = p.ctx
    settings = ctx.settings
    results: list[CheckResult] = []
    checked = 0
    for rows in _located_by_doc(p).values():
        for sent, placed in _sentences(rows):
            for i in range(len(placed)):
                found = _split(sent, placed, i, settings.count_units, settings.part_list_openers)
                if found is None:
                    continue
                whole, parts = found
                checked += 1
                over = [r for r, _ in parts if r.value > whole.value]  # type: ignore[operator]
                words = [[_predicate_word(text, c) for _, text in parts] for c in settings.count_complements]
                covers = next((c for c, w in zip(settings.count_complements, words, strict=True)
                               if len(parts) >= 2 and None not in w and len(set(w)) == len(w)
                               and set(c[:2]) <= set(w) and _same_base(parts, w)), None)
                total = sum(r.value for r, _ in parts)  # type: ignore[misc]
                share = (_part_share(sent, placed, i + len(parts), parts[-1][0], settings.split_share_words)
                         if len(parts) == 1 else None)
                counted = [whole, *(r for r, _ in parts)]
                if over:
                    msg = (f"{over[0].indicator} {fmt(over[0].value)}{over[0].unit} is a part of "
                           f"{whole.indicator} {fmt(whole.value)}{whole.unit} but exceeds it")
                    results.append(make_result(ctx, "split_counts", False, msg, counted, indicator=whole.indicator,
                                               region=whole.region, period=whole.period, expected=whole.value,
                                               actual=over[0].value, tolerance=0.0))
                elif covers is not None and total != whole.value:
                    msg = (f"{len(parts)} parts of {whole.indicator} {fmt(whole.value)}{whole.unit} split by "
                           f"{'/'.join(covers)} sum to {fmt(total)}")
                    results.append(make_result(ctx, "split_counts", False, msg, counted, indicator=whole.indicator,
                                               region=whole.region, period=whole.period, expected=whole.value,
                                               actual=total, tolerance=0.0))
                elif share is not None:
                    part = parts[0][0]
                    expected = 100 * part.value / whole.value  # type: ignore[operator]
                    tol = _ratio_tolerance(share, part, whole, expected, settings.share_digit_slack)
                    if abs(expected - share.value) > tol + 1e-9:  # type: ignore[operator]
                        msg = (f"{share.indicator} is stated {fmt(share.value)}%, but {fmt(part.value)} of "
                               f"{fmt(whole.value)}{whole.unit} is {fmt(expected)}% (tolerance {fmt(tol)})")
                        results.append(make_result(
                            ctx, "split_counts", False, msg, [share, whole, part], indicator=share.indicator,
                            region=share.region, period=share.period, expected=expected, actual=share.value,
                            tolerance=tol))
    return results + summary_pass(ctx, "split_counts", checked, len(results), "split counts add up")

"""Number parsing: the numeric core of a mention to a float.

Arabic numbers (22,861 / -1.5 / 1/5), Chinese numerals (两千, 一百二十) through
cn2an on the isolated core only, fractions (三分之一 → 33.33 %), tenths (五成 → 50 %)
and halves (过半, 一半 → 50 %). Locating the numbers is `mentions`' job.
"""

from __future__ import annotations

import re

import cn2an

CN_DIGITS = "零〇一二三四五六七八九十百千两"
ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
CHINESE = rf"[{CN_DIGITS}]+"

_LEADING_UNIT = re.compile(r"^[十百千]")


def parse_arabic(s: str) -> float:
    """'22,861' → 22861.0; '-1.5' → -1.5."""
    return float(s.replace(",", ""))


def parse_chinese(s: str) -> float:
    """'两千' → 2000.0, '千' → 1000.0 (a bare 十/百/千 means one of it); ValueError if not a numeral."""
    core = "一" + s if _LEADING_UNIT.match(s) and not s.startswith("十") else s
    core = core.replace("〇", "零")
    try:
        return float(cn2an.cn2an(core, "normal"))
    except (ValueError, KeyError) as exc:  # cn2an raises KeyError on some malformed numerals (十十一)
        raise ValueError(f"not a Chinese numeral: {s!r}") from exc


_CN_DIGIT = {c: str(i) for i, c in enumerate("零一二三四五六七八九")} | {"〇": "0"}


def parse_chinese_decimal(integer: str, decimals: str | None = None) -> float:
    """('六', '二') → 6.2 (六点二); the decimals are read digit by digit; ValueError if not numerals."""
    value = parse_chinese(integer)
    if not decimals:
        return value
    if any(c not in _CN_DIGIT for c in decimals):
        raise ValueError(f"not Chinese decimal digits: {decimals!r}")
    return value + float("0." + "".join(_CN_DIGIT[c] for c in decimals))


def parse_number(s: str) -> float:
    """Arabic or Chinese numeral core to a float."""
    s = s.strip()
    if re.fullmatch(r"[+-]?(?:" + ARABIC + ")", s):
        return parse_arabic(s)
    return parse_chinese(s)


def parse_fraction(numerator: str, denominator: str) -> float:
    """A fraction as a percentage rounded to 2 decimals: ('一', '三') → 33.33, ('1', '5') → 20.0."""
    num, den = parse_number(numerator), parse_number(denominator)
    if den == 0:
        raise ValueError(f"zero denominator in {numerator}/{denominator}")
    return round(100.0 * num / den, 2)


def parse_tenths(s: str) -> float:
    """'五' or '5' of 五成 / 5成 → 50.0 (percent)."""
    return 10.0 * parse_number(s)

"""Intermediate types of the extractor: the "find" stage (mentions) and the "interpret" stage (annotations).

Offsets here are into the *normalized* text; `bulletins.extract.pipeline` maps them
back to the stored text through `Normalized.to_orig` before building `Fact`s.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from bulletins.extract.meta import DocMeta


@dataclass
class Normalized:
    """Text prepared for matching, with a map back to the stored text.

    `to_orig[i]` is the offset in the stored text of normalized character i;
    `to_orig[len(text)]` is the stored text's length (so end offsets map too).
    """

    text: str
    to_orig: list[int]

    def orig_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalized [start, end) span to the stored text."""
        return self.to_orig[start], self.to_orig[end - 1] + 1 if end > start else self.to_orig[start]


@dataclass
class Sentence:
    """A sentence of the normalized text (split at 。；！？ and paragraph breaks)."""

    start: int
    end: int
    text: str
    paragraph: int = 0  # index of the paragraph it belongs to (for headings/section context)


@dataclass
class Mention:
    """A located number (or blank) with what the find stage can tell from its immediate surroundings."""

    start: int  # quote span in normalized text: number with its unit, or the lone unit for a blank
    end: int
    value: float | None  # in the quoted unit, signed for change; None for a blank
    unit: str  # as written ('' for a bare count)
    measure: str = "level"  # level | change | share | ratio
    qualifier: str = "exact"  # exact | approx | min | max
    compare_to: str | None = None
    predicate_start: int | None = None  # start of the verb/marker (增长, 占, 是…的, 达到, 为) governing the number
    list_group: int | None = None  # mentions of one 分别-list (or 、-list of numbers) share a group id
    list_index: int | None = None  # position in that list, 0-based
    status_hint: str | None = None  # 'estimate'/'target' when a word right next to the number says so
    notes: dict[str, object] = field(default_factory=dict)


@dataclass
class DocContext:
    """What the whole document tells about every fact: its date, its region, its sections."""

    doc_date: date | None = None
    region: str | None = None  # default region (全市 of a Beijing text → 北京市, a district report → 海淀区)
    title: str | None = None
    meta: DocMeta = field(default_factory=DocMeta)  # what the source or the user said about the document
    extra: dict[str, object] = field(default_factory=dict)


@dataclass
class Annotation:
    """The interpret stage's answer for one mention."""

    indicator: str
    indicator_code: str | None = None
    region: str | None = None
    period: str | None = None
    status: str = "actual"

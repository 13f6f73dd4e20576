"""Sentence splitting of the normalized text.

A sentence ends at 。；！？ (half-width after normalization: ; ! ?) or at a line
break; a line is a paragraph. Web text uses a half-width `.` as the Chinese full stop:
after a Chinese character or `%` and not before a digit it ends a sentence (增长5%.全区…),
while 1.5 and PM2.5 stay numbers. Spans are kept exact so mentions can be mapped back.
"""

from __future__ import annotations

import re

from bulletins.extract.types import Sentence

_END = re.compile(r"(?:[。;!?]|(?<=[\u3400-\u9fff%])\.(?![0-9]))+[”\"’)]*|\n")


def split_sentences(text: str) -> list[Sentence]:
    """Every non-blank sentence, with its offsets and the index of its paragraph (line)."""
    out: list[Sentence] = []
    paragraph = 0
    start = 0
    for m in _END.finditer(text):
        end = m.end() if m.group() != "\n" else m.start()
        _add(out, text, start, end, paragraph)
        if m.group() == "\n":
            paragraph += 1
        start = m.end()
    _add(out, text, start, len(text), paragraph)
    return out


def _add(out: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start=start, end=end, text=text[start:end], paragraph=paragraph))

"""Lists carry their group: parts listed under a population's per-capita total belong to that population.

Bulletins print a total and then its parts without repeating whose they are:
`城镇居民人均消费支出35000元……其中,人均食品烟酒支出9000元,衣着支出2000元`. Named bare, the parts
of the urban, rural and all-residents lists would all read as one indicator (`人均衣着支出`) and the
sum checks would merge three groups. The head's population and 人均 are put back on every part.
"""

from __future__ import annotations

import re
from functools import cache

from bulletins.extract.lexicon import load_lexicon


@cache
def _lex() -> tuple[tuple[str, ...], str, dict[str, str], re.Pattern[str]]:
    lex = load_lexicon("indicator")
    pops = tuple(sorted(lex["populations"], key=len, reverse=True))
    opener = re.compile(rf"^\s*(?:{'|'.join(lex['part_list_openers'])})[,，:：\s]*")
    return pops, lex["per_capita"], dict(lex["group_totals"]), opener


@cache
def _split_opener() -> re.Pattern[str]:
    words = load_lexicon("indicator")["population_split_openers"]
    return re.compile(rf"^\s*(?:{'|'.join(map(re.escape, words))})")


def group_of(indicator: str | None) -> tuple[str, str] | None:
    """(`城镇居民人均`, `支出`) for a population's per-capita total (城镇居民人均消费支出), else None."""
    if not indicator:
        return None
    pops, per_capita, totals, _ = _lex()
    for pop in pops:
        if indicator.startswith(pop + per_capita):
            rest = indicator[len(pop) + len(per_capita):]
            if rest in totals:
                return pop + per_capita, totals[rest]
            return None
    return None


def opens_population_split(sentence: str) -> bool:
    """The sentence splits the last total by population (按常住地分,城镇居民…): its totals are parts."""
    return bool(_split_opener().match(sentence))


def opens_part_list(sentence: str) -> bool:
    """The sentence opens with a list-of-parts word (其中, 从八大类看, 按收入来源分)."""
    return bool(_lex()[3].match(sentence))


def part_list_start(sentence: str) -> int | None:
    """Offset in `sentence` after which its clauses list parts (after 其中), None when it names none."""
    m = re.search(r"[,，；;]\s*其中[,，:：]?", sentence)
    return m.end() if m else None


def in_group(part: str | None, group: tuple[str, str]) -> str | None:
    """The part's name with its group's population (人均衣着支出 → 城镇居民人均衣着支出), or None when
    the part already names a population or is no part of such a total (a count, a share's base)."""
    if not part:
        return None
    pops, per_capita, _, _ = _lex()
    prefix, ending = group
    if part.startswith(pops) or not part.endswith(ending):
        return None
    bare = part[len(per_capita):] if part.startswith(per_capita) else part
    if not bare or bare.endswith(("消费支出", "可支配收入")):
        return None
    return prefix + bare


def _said_population(part: str | None) -> tuple[str, str] | None:
    """(城镇居民人均, 支出) for a part naming its population (城镇居民人均食品烟酒支出), else None."""
    if not part:
        return None
    pops, per_capita, _, _ = _lex()
    pop = next((p for p in pops if part.startswith(p + per_capita)), None)
    ending = "收入" if part.endswith("收入") else "支出" if part.endswith("支出") else None
    return (pop + per_capita, ending) if pop and ending else None


def refers_to_split_total(sentence: str) -> bool:
    """A list opener that turns back to the total a split by population started from (从消费构成看 after
    按常住地分,城镇…;农村…), unlike 其中, which lists the parts of the last total named."""
    body = sentence.lstrip(" \t\u3000,，")
    return opens_part_list(sentence) and not body.startswith("其中") and named_group(sentence) is None


def named_group(sentence: str) -> tuple[str, str] | None:
    """The group a list opener names itself (从城镇居民收入来源看 → (城镇居民人均, 收入)), else None."""
    pops, per_capita, _, opener = _lex()
    m = opener.match(sentence)
    if m is None:
        return None
    pop = next((p for p in pops if p in m.group()), None)
    if pop is None:
        return None
    ending = "收入" if "收入" in m.group() else "支出" if ("支出" in m.group() or "消费" in m.group()) else None
    return (pop + per_capita, ending) if ending else None


def group_total(group: tuple[str, str]) -> str:
    """The total a group's parts add up to (城镇居民人均, 收入) → 城镇居民人均可支配收入."""
    return group[0] + ("可支配收入" if group[1] == "收入" else "消费支出")


class GroupCarrier:
    """Walks a document's sentences in order and renames the parts of a population's list.

    A list is opened by a sentence starting with 其中 (or 从八大类看 …) right after the head's sentence,
    or by `,其中` inside the head's sentence; it runs on through the clauses of its ；-chain. After a
    split by population (按常住地分,城镇…;农村…), 其中 lists the last total's parts and any other
    opener the parts of the total that was split.
    """

    def __init__(self) -> None:
        self.group: tuple[str, str] | None = None  # the head's group, while a list may follow or runs
        self.listing = False  # inside a list's ；-chain
        self.splitting = False  # inside a split by population (按常住地分,城镇…;农村…)
        self.split_base: tuple[str, str] | None = None  # the group of the total that was split
        self.after_split = False  # a split by population was the last thing said
        self.current: tuple[str, str] | None = None  # the group the running list is of

    def names(self, sentence: str, starts: list[int], indicators: list[str | None], *,
              continues: bool) -> list[str | None]:
        """New names for the facts of one sentence (None: keep), given their offsets in the sentence.

        `continues` says the sentence carries on the previous one's ；-chain.
        """
        out: list[str | None] = [None] * len(indicators)
        opens = opens_part_list(sentence)
        splits = opens_population_split(sentence)
        if splits:
            self.split_base, self.after_split = self.group, True
        last = self.split_base if (refers_to_split_total(sentence) and not splits and self.after_split) else self.group
        group = (named_group(sentence) or last) if opens else (self.current if self.listing and continues else None)
        self.listing = group is not None
        inner = part_list_start(sentence)
        head: tuple[str, str] | None = None
        for i, (start, name) in enumerate(zip(starts, indicators, strict=True)):
            own = group_of(name)
            if own is not None:
                head, group = own, None  # a new total: its own list may follow
                self.listing = False
                continue
            said = _said_population(name)
            if said is not None and (group is not None or self.listing):
                group = said  # 其中，城镇居民人均食品烟酒支出…；人均居住支出…: the list is of the population it names
                self.listing = True
                continue
            active = group or (head if inner is not None and start >= inner else None)
            if active is not None:
                out[i] = in_group(name, active)
                self.listing = True
                group = group or active
        self.current = group if self.listing else None
        self.splitting = splits or (self.splitting and continues)
        if head is not None and not self.splitting:
            self.split_base, self.after_split = None, False  # a total of its own: the split is over
        if head is not None:
            self.group = head
        elif not self.listing:
            self.group = None
        return out

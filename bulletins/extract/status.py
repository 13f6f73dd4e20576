"""Status of a fact: actual, estimate (预计) or target (计划, 目标, 力争 … and the tasks of a plan section).

Words live in `data/lexicon/status.yaml`.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from bulletins.extract.lexicon import alternation, load_lexicon


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    lex = load_lexicon("status")
    return {
        "estimate": re.compile(alternation(lex["estimate"])),
        "not_estimate": re.compile(alternation(lex["not_estimate"])),
        "done": re.compile(alternation(lex["done_markers"])),
        "estimate_is_target": re.compile(alternation(lex["estimate_is_target"])),
        "target": re.compile(alternation(lex["target"])),
        "weak_target": re.compile(alternation(lex["weak_target"])),
        "chain_openers": re.compile(f"(?:{alternation(lex['chain_opener_prefixes'])})?"
                                    f"(?:{alternation(lex['chain_openers'])})"),
        "target_patterns": re.compile("|".join(lex["target_patterns"])),
        "target_documents": re.compile(alternation(lex["target_documents"])),
        "actual_documents": re.compile(alternation(lex["actual_documents"])),
        "will": re.compile(rf"{re.escape(lex['will_marker'])}(?={alternation(lex['will_verbs'])})"),
        "not_target": re.compile(alternation(lex["not_target"])),
        "target_sections": re.compile(alternation(lex["target_sections"])),
        "actual_sections": re.compile(alternation(lex["actual_sections"])),
    }


def section_status(heading: str) -> str | None:
    """'target' for a plan/task section heading, 'actual' for an execution report, None if neither."""
    p = _patterns()
    if p["actual_sections"].search(heading):
        return "actual"
    if p["target_sections"].search(heading):
        return "target"
    return None


@lru_cache(maxsize=8192)
def clause_status(before: str) -> str | None:
    """Status said by words in the sentence before a number: 预计 → estimate; 力争, 计划在, 将于 … →
    target (将 only as a future marker, not 将X列入Y); 年内 → weak_target (a target unless the section
    reports on execution); None when nothing is said."""
    p = _patterns()
    if p["estimate_is_target"].search(before):
        return "target"
    if p["estimate"].search(p["not_estimate"].sub("", before)):
        return "estimate"
    cleaned = p["not_target"].sub("", before)
    if p["target"].search(cleaned) or p["will"].search(cleaned) or p["target_patterns"].search(cleaned):
        return "target"
    if p["weak_target"].search(cleaned):
        return "weak_target"
    return None


def document_status(title: str) -> str | None:
    """'target' for a plan document (…发展规划, …行动方案); 'actual' when its title says it reports on
    execution (…统计公报, …执行情况); else None."""
    p = _patterns()
    plan = p["target_documents"].search(title)
    if p["actual_documents"].search(title):
        # a 统计公报 reports: 失业率控制在2.0% is what the year gave; a title naming a plan too
        # (…计划执行情况与2024年…计划草案的报告) is left to its sections
        return None if plan else "actual"
    return "target" if plan else None


def opens_chain(head: str) -> str | None:
    """The status word a ；-chain opens with (预计全年…), or None."""
    m = _patterns()["chain_openers"].match(head)
    return m.group() if m else None  # 经初步预计,…: the status word with its source phrase


def says_done(clause: str) -> bool:
    """已签约, 已建成 …: the clause reports something that already happened."""
    return bool(_patterns()["done"].search(clause))

"""How the sum checks react, on real bulletins, to one printed member of a group changed (issue 9).

Usage: python bench/sum_alerts.py [--set dev|heldout6] [--docs d001.txt,d017.txt] [--show-unchecked] [--show-alerts]

Data: ../shared/gold/dev (or tests/heldout6, `--set heldout6`) — consistency.jsonl (printed groups:
a total and its components, whether they hold), gold.jsonl (the labelled facts, whose spans locate
the printed numbers), the documents and the manifest (each document's date and title, given to the
extractor as `bulletins extract --date/--title` would). For every group:

- the document is extracted as is and the real checks run over its facts (`run_checks`, as in
  tests/test_checks_mutations.py). The group is *checked* when a components_sum,
  components_incomplete or list_parts_sum result carries the fact at the total's printed span.
  list_parts_sum reports a pass only as a count, so when no result carries the total a probe is
  run: one member printed as twice the total; an alert naming the total then shows the group is
  read (marked `list*`/`sum*`). A *false alarm* is a components_sum or list_parts_sum failure
  carrying the total's fact on a group the labels say holds.
- each member found in the labels (same value, a similar indicator name; of several printings the
  one nearest the total) has its printed number multiplied by 1.1 and printed again with the same
  decimals and thousands separators, the rest of the text unchanged. The change is at least
  (members + 1) units of the last printed digit, beyond the rounding tolerance of the sum
  (0 → a few units). The text is extracted again and checked: *detected* when a sum alert
  (components_sum / list_parts_sum / region_parts_sum / split_counts failure, or share_levels: a stated share of the
  changed member no longer agrees with the member and the total) names the group (carries the fact at the total's
  span, or has its indicator, region and period), *exact* when each check names the change once (the
  group or the changed number) and no other sum alert appears beyond those the unchanged text raised.

A group of shares whose 100 is not printed (三次产业结构 21.9∶38.7∶39.4) has no total fact: for
those the group is *checked* when a shares_sum result carries its members, and a mutation is
*detected* when a shares_sum failure (more than 100) carries the raised member. The run also
lists every sum alert the unchanged documents raise.

Columns: `found` is T when the total was located in the labels, then how many members were;
`checked` the check that read the group; `false` a false alarm; `mut`/`det`/`exact` the
mutations, those detected, and those detected by exactly one new alert.

Partial lists (其中 items: their sum is below the total) can only be caught when the change
pushes the sum past the total; groups that do not hold as printed already alert before any
change. The totals therefore also count mutations of holding groups. Figures only: nothing is
asserted. ~150 extractions, under a minute.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from score_sets import SETS, _manifest, _scorer

from bulletins.checks import make_context, run_checks
from bulletins.checks.config import default_catalog
from bulletins.extract import extract_facts
from bulletins.extract.meta import DocMeta
from bulletins.ingest import facts_frame
from bulletins.model import CheckResult, Fact

SUM_ALERTS = ("components_sum", "list_parts_sum", "share_levels", "region_parts_sum", "split_counts")
GROUP_RESULTS = ("components_sum", "components_incomplete", "list_parts_sum", "share_levels", "region_parts_sum",
                 "split_counts")
_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")


@dataclass
class Printed:
    """A labelled printed number: the gold row and its span in the document."""

    gold: dict
    start: int
    end: int


@dataclass
class Outcome:
    group: dict
    total: Printed | None
    members: dict[str, Printed | None]
    total_fact: Fact | None = None
    member_facts: dict[str, Fact | None] = field(default_factory=dict)
    checked: str = "-"  # the check that read the group (`*`: seen only through the probe)
    false_alarm: bool = False
    baseline_alerts: list[CheckResult] = field(default_factory=list)
    mutations: list[dict] = field(default_factory=list)
    why: list[str] = field(default_factory=list)


# -- extraction and checks -------------------------------------------------------------------


def extract(text: str, doc: str, manifest: dict[str, dict]) -> list[Fact]:
    """The facts `bulletins extract --date --title` prints for this text (score_sets.predict's call)."""
    m = manifest.get(doc, {})
    meta = DocMeta.from_mapping({k: m.get(k) for k in ("date", "title", "url")}, source="given")
    raw = text.encode("utf-8")
    return extract_facts(text, doc=doc, doc_id=hashlib.sha256(raw).hexdigest(), meta=meta)


def sum_alerts(results: list[CheckResult]) -> list[CheckResult]:
    return [r for r in results if r.check in SUM_ALERTS and not r.passed]


def fact_at(facts: list[Fact], start: int, end: int, value: float | None = None) -> Fact | None:
    """The extracted fact over a printed span (of several, the one with the labelled value)."""
    over = [f for f in facts if f.span_start < end and f.span_end > start]
    if not over:
        return None
    return min(over, key=lambda f: (not _same(f.value, value), f.measure != "level", abs(f.span_start - start)))


def _same(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and abs(a - b) <= 1e-6 * max(1.0, abs(b))


def names_group(r: CheckResult, total: Fact | None, fallback: Fact | None) -> bool:
    """Does this alert concern the group: the total's fact, else its indicator and subject?"""
    if total is not None:
        return total.fact_id in r.fact_ids
    if fallback is None:
        return False
    cat = default_catalog()
    names = {fallback.indicator, cat.name(fallback.indicator_code) if fallback.indicator_code else None}
    return r.indicator in names and r.region == fallback.region and r.period == fallback.period


# -- locating the printed numbers ------------------------------------------------------------


def locate(group: dict, gold: list[dict], sc: object) -> tuple[Printed | None, dict[str, Printed | None]]:
    """The labelled printings of the total and of each member: by value and a similar name;
    of several printings, the total nearest its members and each member nearest the total."""

    def candidates(name: str, value: float) -> list[Printed]:
        same = [g for g in gold if g.get("value") is not None and _same(float(g["value"]), float(value))]
        exact = [g for g in same if g.get("indicator") == name]  # 支出总计 and 收入总计 both print 140.04
        named = exact or [g for g in same if sc.similar(name, g.get("indicator"))]  # type: ignore[attr-defined]
        return [Printed(g, g["span_start"], g["span_end"]) for g in (named or same)]

    def dist(at: int, ref: int) -> int:
        return at - ref if at >= ref else 10 * (ref - at)  # members follow their total

    totals = candidates(group["total_indicator"], group["total"])
    comps = {n: candidates(n, v) for n, v in group["components"].items()}

    def nearest(ref: int) -> dict[str, Printed | None]:
        return {n: min(c, key=lambda p: dist(p.start, ref)) if c else None for n, c in comps.items()}

    if not totals:
        first = min((p.start for c in comps.values() for p in c), default=0)
        return None, nearest(first)
    best = min(totals, key=lambda t: sum(dist(p.start, t.start) for p in nearest(t.start).values() if p))
    return best, nearest(best.start)


# -- mutation ----------------------------------------------------------------------------------


def changed_number(number: str, n_members: int, factor: float = 1.1, at_least: float | None = None) -> str:
    """`number` times `factor`, printed like it (decimals, thousands separators), changed by at least
    n_members + 1 units of its last digit (or set to `at_least` when given)."""
    digits = number.replace(",", "")
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    old = float(digits)
    unit = 10.0 ** -decimals
    new = at_least if at_least is not None else old * factor
    if abs(new - old) < (n_members + 1) * unit:
        new = old + (n_members + 1) * unit
    text = f"{new:,.{decimals}f}" if "," in number else f"{new:.{decimals}f}"
    return text


def mutate(text: str, p: Printed, n_members: int, at_least: float | None = None) -> tuple[str, int] | None:
    """The text with the printed number of `p` changed; and the change in length (for later spans)."""
    quote = text[p.start:p.end]
    m = _NUMBER.search(quote)
    if m is None or not _same(float(m.group(0).replace(",", "")), float(p.gold["value"])):
        return None
    new = changed_number(m.group(0), n_members, at_least=at_least)
    s, e = p.start + m.start(), p.start + m.end()
    return text[:s] + new + text[e:], len(new) - (e - s)


def shifted(p: Printed, at: int, delta: int) -> tuple[int, int]:
    """The span of `p` after a change of length `delta` at offset `at`."""
    return (p.start + delta, p.end + delta) if p.start > at else (p.start, p.end)


# -- per group ---------------------------------------------------------------------------------


def diagnose(o: Outcome) -> list[str]:
    """Why the checks do not read this group as one: the first broken link of total → members."""
    cat = default_catalog()
    if o.total is None:
        return ["total not printed as a labelled number"]
    t = o.total_fact
    if t is None:
        return ["total not extracted"]
    tkey = cat.resolve(t.indicator_code, t.indicator)
    reasons = []
    if t.measure != "level":
        reasons.append(f"total measure {t.measure}")
    if t.qualifier != "exact":
        reasons.append(f"total qualifier {t.qualifier}")
    heads = [g for g in cat.groups if g.total == tkey]
    if not heads:
        reasons.append(f"total key {tkey} heads no catalog group")
    slots = {c for g in heads for slot in g.slots for c in slot}
    for name, f in o.member_facts.items():
        if o.members.get(name) is None:
            reasons.append(f"member {name} not labelled")
            continue
        if f is None:
            reasons.append(f"member {name} not extracted")
            continue
        key = cat.resolve(f.indicator_code, f.indicator)
        if heads and key not in slots:
            reasons.append(f"member key {key} not in the group of {tkey}")
        if f.measure != t.measure:
            reasons.append(f"member measure {f.measure}")
        if (f.region, f.period, f.status) != (t.region, t.period, t.status):
            reasons.append("member subject differs (region/period/status)")
        if f.unit_base != t.unit_base and (f.unit_base or f.unit) != (t.unit_base or t.unit):
            reasons.append("member unit family differs")
    settings = make_context().settings
    located = [f for f in [t, *o.member_facts.values()] if f is not None]
    if any(f.quote not in f.sentence for f in located):
        reasons.append("quote not in its sentence (sentence normalized, quote raw): list_parts_sum skips it")
    if not heads:
        sents = {f.sentence for f in o.member_facts.values() if f is not None}
        if len(sents) > 1:
            reasons.append(f"members in {len(sents)} sentences (cut at ；/。 or table rows): "
                           "list_parts_sum reads a list within one sentence")
        if not any(w in s for s in sents for w in settings.part_list_openers):
            reasons.append("members not in a 其中 list (list_parts_sum needs one)")
        elif all(f.sentence != t.sentence for f in o.member_facts.values() if f is not None) and not any(
                s.lstrip(" \t\u3000,，").startswith(tuple(settings.part_list_sentence_openers)) for s in sents):
            reasons.append("其中 list's total in another sentence (the clause before 其中 has no number)")
    if not reasons:
        reasons.append("links look fine: value ambiguous in its subject?")
    return list(dict.fromkeys(reasons))


def run_group(group: dict, text: str, base_facts: list[Fact], base_results: list[CheckResult],
              gold: list[dict], sc: object, manifest: dict[str, dict]) -> Outcome:
    doc = group["doc"]
    total, members = locate(group, gold, sc)
    o = Outcome(group, total, members)
    o.total_fact = fact_at(base_facts, total.start, total.end, total.gold["value"]) if total else None
    o.member_facts = {n: fact_at(base_facts, p.start, p.end, p.gold["value"]) if p else None
                      for n, p in members.items()}
    fallback = o.total_fact
    tf = o.total_fact
    if tf is not None:  # the result carrying the total and most members (a total may head two groups)
        mine = {f.fact_id for f in o.member_facts.values() if f is not None}
        seen = [(len(mine & set(r.fact_ids)), r.check) for r in base_results
                if r.check in GROUP_RESULTS and tf.fact_id in r.fact_ids and mine & set(r.fact_ids)]
        if seen:
            o.checked = max(seen)[1]
    member_ids = {f.fact_id for f in o.member_facts.values() if f is not None}
    # an alert on the total about other members (a total heading two groups) is not this group's
    o.baseline_alerts = [r for r in sum_alerts(base_results) if names_group(r, tf, fallback)
                         and (not member_ids or member_ids & set(r.fact_ids))]
    if total is None:  # a share group: shares_sum failures on its members as printed
        mine = {f.fact_id for f in o.member_facts.values() if f is not None}
        o.baseline_alerts += [r for r in base_results if r.check == "shares_sum" and not r.passed
                              and mine & set(r.fact_ids)]
    o.false_alarm = bool(group["holds"] and o.baseline_alerts)
    n = len(group["components"])

    def after(p: Printed, at_least: float | None = None
              ) -> tuple[list[CheckResult], list[CheckResult], list[CheckResult]] | None:
        """The alerts naming the group, every sum alert, and those about the change (naming the group
        or carrying the changed number) after one printed number of `p` is changed."""
        done = mutate(text, p, n, at_least)
        if done is None:
            return None
        new_text, delta = done
        facts = extract(new_text, doc, manifest)
        mt = None
        if total is not None:
            s, e = shifted(total, p.start, delta)
            mt = fact_at(facts, s, e, total.gold["value"])
        results = run_checks(facts_frame(facts))
        alerts = sum_alerts(results)
        f = fact_at(facts, p.start, p.end + delta)
        if total is None:  # shares of a whole printed nowhere: shares_sum failures carrying the raised member
            raised = [r for r in results if r.check == "shares_sum" and not r.passed
                      and f is not None and f.fact_id in r.fact_ids]
            alerts = alerts + raised
            mine = raised
        else:
            mine = [r for r in alerts if names_group(r, mt, fallback)]
        before = {(r.check, r.indicator, r.region, r.period) for r in sum_alerts(base_results)}
        about = [r for r in alerts if r in mine or (f is not None and f.fact_id in r.fact_ids
                                                     and (r.check, r.indicator, r.region, r.period) not in before)]
        return mine, alerts, about

    if total is None:
        mine = {f.fact_id for f in o.member_facts.values() if f is not None}
        if any(r.check == "shares_sum" and mine & set(r.fact_ids) for r in base_results):
            o.checked = "shares_sum"
    if o.checked == "-" and total is not None:  # a passed list_parts_sum carries no facts: probe
        units = {n: f.unit for n, f in o.member_facts.items() if f is not None}  # printed like the total
        tunit = tf.unit if tf is not None else None
        probe = next((p for n, p in members.items() if p is not None and units.get(n) == tunit),
                     next((p for p in members.values() if p is not None), None))
        got = after(probe, at_least=2 * float(total.gold["value"]) + 1) if probe else None
        if got and got[0]:
            o.checked = ("list*" if got[0][0].check == "list_parts_sum" else "sum*")
    others_before = len(sum_alerts(base_results)) - len(o.baseline_alerts)
    for name, p in members.items():
        if p is None:
            continue
        got = after(p)
        if got is None:
            o.mutations.append({"member": name, "skipped": "number not in digits"})
            continue
        mine, alerts, about = got
        o.mutations.append({
            "member": name, "detected": bool(mine),
            "exact": bool(mine) and len(about) == len({r.check for r in about})
            and len(alerts) - len(about) == others_before,
            "alerts": [f"{r.check}: {r.message}" for r in mine],
        })
    if o.checked == "-":
        o.why = diagnose(o)
    return o


def _fact_line(label: str, f: Fact | None) -> str:
    if f is None:
        return f"      {label}: (no extracted fact at the labelled span)"
    code = default_catalog().resolve(f.indicator_code, f.indicator)
    return (f"      {label}: {f.indicator!r} code={code} {f.measure} {f.value:g} {f.unit} "
            f"region={f.region} period={f.period} status={f.status}"
            + ("" if f.quote in f.sentence else f" [quote {f.quote!r} not in its sentence]"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", help="only these documents (comma-separated)")
    parser.add_argument("--show-unchecked", action="store_true", help="why each unchecked group is not read")
    parser.add_argument("--show-alerts", action="store_true", help="the sum alerts of each group and mutation")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--set", default="dev", help="a labelled set with a consistency.jsonl (dev, heldout6)")
    args = parser.parse_args()
    sc = _scorer()
    gold_path, docs, manifest_path = SETS[args.set]
    home = gold_path.parent
    groups = [json.loads(x) for x in (home / "consistency.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    if args.docs:
        groups = [g for g in groups if g["doc"] in args.docs.split(",")]
    gold_all = sc.gold_spans([json.loads(x) for x in gold_path.read_text(encoding="utf-8").splitlines()
                              if x.strip()], docs)
    manifest = _manifest(manifest_path)
    outcomes: list[Outcome] = []
    base: dict[str, tuple[str, list[Fact], list[CheckResult]]] = {}
    for g in groups:
        doc = g["doc"]
        if doc not in base:
            text = (docs / doc).read_text(encoding="utf-8")
            facts = extract(text, doc, manifest)
            base[doc] = (text, facts, run_checks(facts_frame(facts)))
        text, facts, results = base[doc]
        outcomes.append(run_group(g, text, facts, results, [x for x in gold_all if x["doc"] == doc], sc, manifest))

    print(f"{'doc':9} {'total':24} {'value':>12} {'holds':>5} {'n':>2} {'found':>5} {'checked':>21} "
          f"{'false':>5} {'mut':>3} {'det':>3} {'exact':>5}")
    for o in outcomes:
        g = o.group
        muts = [m for m in o.mutations if "skipped" not in m]
        found = sum(p is not None for p in o.members.values())
        print(f"{g['doc']:9} {g['total_indicator'][:12]:　<12} {g['total']:>12g} {str(g['holds'])[0]:>5} "
              f"{len(g['components']):>2} {('T' if o.total else '-') + str(found):>5} {o.checked:>21} "
              f"{'YES' if o.false_alarm else '-':>5} {len(muts):>3} {sum(m['detected'] for m in muts):>3} "
              f"{sum(m['exact'] for m in muts):>5}")
        if args.show_alerts:
            for r in o.baseline_alerts:
                print(f"    as printed: {r.check}: {r.message}")
            for m in o.mutations:
                print(f"    {m['member']}: {m.get('skipped') or ('; '.join(m['alerts']) or 'no alert')}")

    def rate(sel: list[Outcome], what: str = "detected") -> str:
        muts = [m for o in sel for m in o.mutations if "skipped" not in m]
        hit = sum(m[what] for m in muts)
        return f"{hit}/{len(muts)}" + (f" = {hit / len(muts):.1%}" if muts else "")

    checked = [o for o in outcomes if o.checked != "-"]
    holding = [o for o in outcomes if o.group["holds"]]
    print()
    print(f"groups                 {len(outcomes)} ({len(holding)} hold as printed)")
    print(f"groups checked         {len(checked)} ({Counter(o.checked for o in checked).most_common()})")
    print(f"  holding and checked  {sum(o.group['holds'] for o in checked)}/{len(holding)}")
    print(f"detection, all         {rate(outcomes)} (exactly one alert: {rate(outcomes, 'exact')})")
    print(f"detection, checked     {rate(checked)} (exactly one alert: {rate(checked, 'exact')})")
    print(f"detection, holding     {rate(holding)} (exactly one alert: {rate(holding, 'exact')})")
    hc = [o for o in checked if o.group["holds"]]
    print(f"detection, hold+check  {rate(hc)} (exactly one alert: {rate(hc, 'exact')})")
    skipped = sum("skipped" in m for o in outcomes for m in o.mutations)
    unlabelled = sum(p is None for o in outcomes for p in o.members.values())
    print(f"mutations skipped      {skipped} (number not in digits); members not located in the labels: {unlabelled}")
    print(f"false alarms (holding) {sum(o.false_alarm for o in outcomes)}/{len(holding)}")
    bad = [o for o in outcomes if not o.group["holds"]]
    print(f"alerts as printed on groups that do not hold: {sum(bool(o.baseline_alerts) for o in bad)}/{len(bad)} "
          f"({', '.join(o.group['doc'] + ' ' + o.group['total_indicator'] for o in bad if o.baseline_alerts)})")
    everything = [(doc, r) for doc, (_t, _f, results) in base.items() for r in sum_alerts(results)]
    print(f"sum alerts as printed, all {len(base)} documents: {len(everything)}")
    for doc, r in everything:
        print(f"    {doc} {r.check}: {r.message}")
    def general(why: str) -> str:  # a reason without the codes and counts of one group
        return re.sub(r"\d+ (?=sentences)", "N ", re.sub(r"(member|key|of) \S+", r"\1 …", why))

    reasons = Counter(general(w) for o in outcomes for w in o.why)
    print("unchecked, by reason   " + "; ".join(f"{w} ×{n}" for w, n in reasons.most_common()))
    if args.show_unchecked:
        print()
        for o in outcomes:
            if o.checked != "-":
                continue
            g = o.group
            print(f"  {g['doc']} {g['total_indicator']} {g['total']:g} (holds {g['holds']}; {g['note'][:60]})")
            print(f"    why: {'; '.join(o.why)}")
            print(_fact_line(f"total {g['total_indicator']}", o.total_fact))
            for name, f in o.member_facts.items():
                print(_fact_line(name, f) if o.members.get(name) else f"      {name}: (not located in the labels)")
    if args.json:
        json.dump([{"doc": o.group["doc"], "total_indicator": o.group["total_indicator"], "holds": o.group["holds"],
                    "checked": o.checked, "false_alarm": o.false_alarm, "why": o.why, "mutations": o.mutations}
                   for o in outcomes], sys.stdout, ensure_ascii=False)
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())

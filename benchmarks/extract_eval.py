"""``kg extract`` scored on the development set: precision, recall and F1 per language, and by confidence.

    .venv/bin/python benchmarks/extract_eval.py                  # the table
    .venv/bin/python benchmarks/extract_eval.py --show-errors    # and, per text, the events it got wrong
    .venv/bin/python benchmarks/extract_eval.py --json

Every ``<lang>/<nn>-*.txt`` (and ``founding/``) of ``--fixtures`` (tests/fixtures/extraction) is extracted
in-process with the published date and language of its gold ``.json`` and the names of ``--data``, and
scored by :mod:`kg.extract.scoring` (its docstring says how). Also printed: how long the gazetteer takes to
build and the articles to read. The development set was written by us to cover the rules; unseen real news
scores lower, so these figures are an upper bound.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.extract.scoring import METRICS, Counts, precision_at, score_article  # noqa: E402

THRESHOLDS = (0.0, 0.5, 0.7, 0.9)
Extract = Callable[[str, str, "str | None"], dict[str, Any]]  # text, language, published → result


@dataclass
class Report:
    by_language: dict[str, dict[str, Counts]] = field(default_factory=dict)
    thresholds: list[tuple[float, Counts]] = field(default_factory=list)
    errors: list[tuple[str, list[str], list[str]]] = field(default_factory=list)  # text, missed, wrong
    seconds: float = 0.0
    articles: int = 0


def _short(e: dict[str, Any]) -> str:
    when = e["date"] or f"{e['earliest']}..{e['latest']}"
    return f"{e['kind']}/{e['status']}/{when}"


def evaluate(extract: Extract, fixtures: Path) -> Report:
    """Score ``extract`` on every text of ``fixtures`` that has a gold file beside it."""
    report = Report()
    pairs = []
    start = time.perf_counter()
    for path in sorted(fixtures.glob("*/*.txt")):
        gold_path = path.with_suffix(".json")
        if not gold_path.is_file():
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        lang = gold["article"]["language"]
        predicted = extract(path.read_text(encoding="utf-8"), lang, gold["article"]["published"])
        pairs.append((predicted, gold))
        report.articles += 1
        counts = score_article(predicted, gold)
        for key in (lang, "all"):
            table = report.by_language.setdefault(key, dict.fromkeys(METRICS, Counts()))
            for metric, c in counts.items():
                table[metric] += c
        p_events = {_short(e) for e in predicted["events"]}
        g_events = {_short(e) for e in gold["events"]}
        if p_events != g_events:
            name = f"{path.parent.name}/{path.name}"
            report.errors.append((name, sorted(g_events - p_events), sorted(p_events - g_events)))
    report.seconds = time.perf_counter() - start
    report.thresholds = precision_at(pairs, THRESHOLDS)
    return report


def real_extractor(data: Path) -> tuple[Extract, float]:
    from kg.extract.gazetteer import Gazetteer
    from kg.extract.pipeline import extract_text

    start = time.perf_counter()
    gazetteer = Gazetteer.from_data(data)
    built = time.perf_counter() - start

    def extract(text: str, lang: str, published: str | None) -> dict[str, Any]:
        return extract_text(text, lang=lang, published=published, gazetteer=gazetteer)

    return extract, built


def _row(name: str, table: dict[str, Counts]) -> str:
    cells = [f"{table[m].precision:.2f} {table[m].recall:.2f} {table[m].f1:.2f}" for m in METRICS]
    return f"| {name} | " + " | ".join(cells) + " |"


def render(report: Report, gazetteer_seconds: float | None = None) -> str:
    order = [k for k in ("az", "en", "ru", "uz") if k in report.by_language] + ["all"]
    lines = ["| language | " + " | ".join(f"{m} P R F1" for m in METRICS) + " |",
             "|---|" + "---|" * len(METRICS)]  # fmt: skip
    lines += [_row(k, report.by_language[k]) for k in order if k in report.by_language]
    lines += ["", "| confidence ≥ | events kept | right | precision | recall |", "|---|---|---|---|---|"]
    for t, c in report.thresholds:
        lines.append(f"| {t:.1f} | {c.tp + c.fp} | {c.tp} | {c.precision:.2f} | {c.recall:.2f} |")
    timing = f"{report.articles} articles in {report.seconds:.2f} s"
    if gazetteer_seconds is not None:
        timing = f"gazetteer built in {gazetteer_seconds:.2f} s; " + timing
    return "\n".join([*lines, "", timing])


def as_json(report: Report) -> dict[str, Any]:
    def c(x: Counts) -> dict[str, Any]:
        return {"tp": x.tp, "fp": x.fp, "fn": x.fn, "precision": round(x.precision, 4), "recall": round(x.recall, 4),
                "f1": round(x.f1, 4)}  # fmt: skip

    return {
        "languages": {k: {m: c(v) for m, v in t.items()} for k, t in sorted(report.by_language.items())},
        "confidence": [{"threshold": t, **c(x)} for t, x in report.thresholds],
        "articles": report.articles,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--fixtures", type=Path, default=ROOT / "tests" / "fixtures" / "extraction")
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--show-errors", action="store_true", help="list, per text, the events missed and wrong")
    args = parser.parse_args()
    extract, built = real_extractor(args.data)
    report = evaluate(extract, args.fixtures)
    if args.json:
        print(json.dumps(as_json(report), indent=2, sort_keys=True))
        return
    print(render(report, built))
    if args.show_errors:
        for name, missed, wrong in report.errors:
            print(f"\n{name}")
            for e in missed:
                print(f"  missed {e}")
            for e in wrong:
                print(f"  wrong  {e}")


if __name__ == "__main__":
    main()

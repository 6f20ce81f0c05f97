"""Measure the diagnoser on the frozen evaluation sets; print aggregates only.

The sets were collected from public issue trackers and pages before any tuning:

  tests/errors_kb/data/blind_cases.jsonl    real API error texts, labelled
  tests/errors_kb/data/not_api_errors.jsonl real texts that are not failed API calls

Usage (from the repository root; the diagnoser reads the guide from the database):

  DEBUG=1 python manage.py migrate && DEBUG=1 python manage.py load_guide
  DEBUG=1 python scripts/measure_diagnoser.py [--show-misses]

Only aggregate figures are printed. Individual misses are printed only with
--show-misses, so the sets can be used to judge later changes without being
read case by case.
"""

import argparse
import json
import os
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "errors_kb" / "data"
BLIND = DATA / "blind_cases.jsonl"
NOT_API = DATA / "not_api_errors.jsonl"
BANDS = [(0.9, 1.01, "0.9-1.0"), (0.8, 0.9, "0.8-0.9"), (0.7, 0.8, "0.7-0.8"), (-1.0, 0.7, "<0.7")]


def setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "troubleshooter.settings")
    os.environ.setdefault("DEBUG", "1")
    import django

    django.setup()


def load(path):
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def pct(n, d):
    return f"{n}/{d} ({100.0 * n / d:.1f}%)" if d else "0/0"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--show-misses", action="store_true", help="also print each miss (do not use while tuning)")
    args = parser.parse_args(argv)

    setup_django()
    from errors_kb.diagnose import diagnose_text

    blind = load(BLIND)
    not_api = load(NOT_API)

    top1 = top3 = none = 0
    by_lang = defaultdict(lambda: [0, 0])
    bands = {label: [0, 0] for _, _, label in BANDS}
    misses = []
    for case in blind:
        ok = {case["condition"], *(case.get("accept") or [])}
        diag = diagnose_text(case["text"], language="en")
        conds = [m.condition for m in diag.matches]
        lang = case.get("language", "?")
        by_lang[lang][1] += 1
        if not conds:
            none += 1
            misses.append((case, None, None))
            continue
        first_ok = conds[0] in ok
        top1 += first_ok
        top3 += any(c in ok for c in conds[:3])
        by_lang[lang][0] += first_ok
        conf = float(diag.matches[0].confidence)
        for lo, hi, label in BANDS:
            if lo <= conf < hi:
                bands[label][0] += 1
                bands[label][1] += first_ok
                break
        if not first_ok:
            misses.append((case, conds[0], conf))

    n = len(blind)
    print(f"blind set: {n} real API error texts ({BLIND.relative_to(ROOT)})")
    print(f"  top-1 accuracy: {pct(top1, n)}")
    print(f"  top-3 accuracy: {pct(top3, n)}")
    print(f"  no match:       {pct(none, n)}")
    for lang in sorted(by_lang):
        right, total = by_lang[lang]
        print(f"  top-1 [{lang}]:     {pct(right, total)}")
    print("  calibration (confidence of the first match: answers given, right, share right):")
    for _, _, label in BANDS:
        given, right = bands[label]
        share = f"{100.0 * right / given:.1f}%" if given else "-"
        print(f"    {label:8s} given {given:4d}  right {right:4d}  share {share}")

    quiet = 0
    false_pos = []
    for case in not_api:
        diag = diagnose_text(case["text"], language="en")
        if not diag.matches:
            quiet += 1
        else:
            false_pos.append((case, diag.matches[0].condition, float(diag.matches[0].confidence)))
    m = len(not_api)
    print(f"non-API set: {m} real texts that are not failed API calls ({NOT_API.relative_to(ROOT)})")
    print(f"  no match (correct): {pct(quiet, m)}")
    by_lang_n = defaultdict(lambda: [0, 0])
    for case in not_api:
        by_lang_n[case.get("language", "?")][1] += 1
    for case, _, _ in false_pos:
        by_lang_n[case.get("language", "?")][0] += 1
    for lang in sorted(by_lang_n):
        wrong, total = by_lang_n[lang]
        print(f"  no match [{lang}]:     {pct(total - wrong, total)}")

    if args.show_misses:
        print("\n--- blind misses ---")
        for case, got, conf in misses:
            print(
                json.dumps(
                    {
                        "expected": case["condition"],
                        "accept": case.get("accept"),
                        "got": got,
                        "confidence": conf,
                        "source": case.get("source"),
                        "text": case["text"][:300],
                    },
                    ensure_ascii=False,
                )
            )
        print("\n--- non-API texts that got a match ---")
        for case, got, conf in false_pos:
            print(
                json.dumps(
                    {"got": got, "confidence": conf, "source": case.get("source"), "text": case["text"][:300]},
                    ensure_ascii=False,
                )
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())

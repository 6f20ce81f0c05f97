"""Measure the diagnoser on the evaluation sets; print aggregates only for the frozen ones.

Every set was collected from public issue trackers and pages by someone who did not tune:

  blind15    tests/errors_kb/data/fresh15/*  (frozen while blind14 was being spent: measured on deb5b0a, where
             its collection began, and at ebb404b; the only frozen set)
  blind14    tests/errors_kb/data/fresh14/*  (measured on 07759ab, where its collection began, and at 4c023d6,
             then spent)
  blind13    tests/errors_kb/data/fresh13/*  (measured on 25945a7, where its collection began and the session
             began, and at 03e3f60, then spent)
  blind12    tests/errors_kb/data/fresh12/*  (measured at 657e13b, where its collection began, on 9920907 and at
             5cade17, then spent)
  blind11    tests/errors_kb/data/fresh11/*  (measured at 9920907 and 1f12d3b, then spent)
  blind10    tests/errors_kb/data/fresh10/*  (measured at 4a4c7bd and 8344137, then spent)
  blind9     tests/errors_kb/data/fresh9/*  (measured at 988c48c and 9c06a38, then spent)
  blind8     tests/errors_kb/data/fresh8/*  (measured at 03adab4 and 988c48c, then spent)
  blind7     tests/errors_kb/data/fresh7/*  (measured at 4099bb6 and ce58c31, then spent)
  blind6     tests/errors_kb/data/fresh6/*  (measured at a3a74e5 and aebfb5e, then spent)
  blind5     tests/errors_kb/data/fresh5/*  (measured at 07a3ebb and 3901dd0, then spent)
  blind4     tests/errors_kb/data/fresh4/*  (measured at b25c356 and 07a3ebb, then spent)
  first      tests/errors_kb/data/blind_cases.jsonl, not_api_errors.jsonl      (spent: a development set)
  fresh      tests/errors_kb/data/fresh/*_blind_cases.jsonl, *_not_api_blind.jsonl  (spent)
  blind3     tests/errors_kb/data/fresh3/*  (spent)
  fresh-dev  tests/errors_kb/data/fresh/*_dev_cases.jsonl, *_not_api_dev.jsonl  (collected for development)
  dev2       tests/errors_kb/data/fresh/*_dev2_cases.jsonl, *_not_api_dev2.jsonl (collected for development)

A frozen set is spent once it has been measured before and after the rework it judges; from then on it
is a development set like the others, and a new frozen set has to be collected.

Usage (from the repository root; the diagnoser reads the guide from the database):

  DEBUG=1 python manage.py migrate && DEBUG=1 python manage.py load_guide
  DEBUG=1 python scripts/measure_diagnoser.py [blind15|blind14|blind13|blind12|blind11|blind10|blind9|blind8|blind7|blind6|blind5|blind4|first|fresh|blind3|fresh-dev|dev2] [--show-misses]

Misses are printed only for development sets: a frozen set whose misses were read is a training set.
"""

import argparse
import json
import os
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BANDS = [(0.9, 1.01, "0.9-1.0"), (0.8, 0.9, "0.8-0.9"), (0.7, 0.8, "0.7-0.8"), (-1.0, 0.7, "<0.7")]


sys.path.insert(0, str(ROOT))

from tests.errors_kb.evaluation_sets import DEVELOPMENT, SETS, cases  # noqa: E402


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "troubleshooter.settings")
    os.environ.setdefault("DEBUG", "1")
    import django

    django.setup()


def pct(n, d):
    return f"{n}/{d} ({100.0 * n / d:.1f}%)" if d else "0/0"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("which", nargs="?", choices=sorted(SETS), default="blind12")
    parser.add_argument("--show-misses", action="store_true", help="also print each miss (development sets only)")
    args = parser.parse_args(argv)
    if args.show_misses and args.which not in DEVELOPMENT:
        parser.error("misses are printed only for the development sets: the other sets are frozen")

    setup_django()
    from errors_kb.diagnose import diagnose_text

    blind_names, not_api_names = SETS[args.which]
    blind = cases(blind_names)
    not_api = cases(not_api_names)

    top1 = top3 = none = 0
    by_lang = defaultdict(lambda: [0, 0])
    bands = {label: [0, 0] for _, _, label in BANDS}
    ambiguous = [0, 0]  # given, right: answers that say the text does not settle between candidates
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
        if diag.ambiguous:
            ambiguous[0] += 1
            ambiguous[1] += first_ok
            if not first_ok:
                misses.append((case, conds[0], conf))
            continue
        for lo, hi, label in BANDS:
            if lo <= conf < hi:
                bands[label][0] += 1
                bands[label][1] += first_ok
                break
        if not first_ok:
            misses.append((case, conds[0], conf))

    n = len(blind)
    print(f"{args.which} set: {n} real API error texts ({', '.join(blind_names)})")
    print(f"  top-1 accuracy: {pct(top1, n)}")
    print(f"  top-3 accuracy: {pct(top3, n)}")
    print(f"  no match:       {pct(none, n)}")
    for lang in sorted(by_lang):
        right, total = by_lang[lang]
        print(f"  top-1 [{lang}]:     {pct(right, total)}")
    print("  reliability of settled first answers (confidence band: answers given, right, share right):")
    for _, _, label in BANDS:
        given, right = bands[label]
        share = f"{100.0 * right / given:.1f}%" if given else "-"
        print(f"    {label:8s} given {given:4d}  right {right:4d}  share {share}")
    print(f"  answers called ambiguous: given {ambiguous[0]}, first one right {pct(ambiguous[1], ambiguous[0])}")

    quiet = 0
    false_pos = []
    for case in not_api:
        diag = diagnose_text(case["text"], language="en")
        if not diag.matches:
            quiet += 1
        else:
            false_pos.append((case, diag.matches[0].condition, float(diag.matches[0].confidence)))
    m = len(not_api)
    print(f"non-API texts: {m} real texts that are not failed API calls ({', '.join(not_api_names)})")
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

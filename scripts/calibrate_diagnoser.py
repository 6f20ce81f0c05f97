"""Fit the share → confidence map (errors_kb/diagnosis/calibration.py KNOTS) on a frozen set; print it.

Usage (from the repository root, with the guide loaded as for measure_diagnoser.py):

  DEBUG=1 python scripts/calibrate_diagnoser.py [first|fresh-dev]

For each text with a settled (not ambiguous) diagnosis, the first match's share of the evidence is
paired with whether it was right (one of the case's `accept` slugs). Shares are pooled into bins, each bin's accuracy is shrunk
toward PRIOR_ACCURACY by PRIOR_CASES pseudo-cases, and the bins are made monotone by pooling
adjacent violators (isotonic regression). Only aggregates are printed, never a text.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure_diagnoser import SETS, cases, setup_django  # noqa: E402

BINS = (0.6, 0.75, 0.9, 1.01)
PRIOR_ACCURACY = 0.8
PRIOR_CASES = 3


def isotonic(points):
    """Pool adjacent violators over (value, weight) pairs in order; monotone non-decreasing values."""
    blocks = []
    for value, weight in points:
        blocks.append([value * weight, weight, 1])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] > blocks[-1][0] / blocks[-1][1]:
            total, weight, count = blocks.pop()
            blocks[-1][0] += total
            blocks[-1][1] += weight
            blocks[-1][2] += count
    fitted = []
    for total, weight, count in blocks:
        fitted += [total / weight] * count
    return fitted


def main(argv=None):
    which = (argv or sys.argv[1:] or ["first"])[0]
    setup_django()
    from errors_kb.diagnose import diagnose_text

    bins = [[0, 0] for _ in BINS]  # right, given
    for case in cases(SETS[which][0]):
        diagnosis = diagnose_text(case["text"], language="en")
        matches = diagnosis.matches
        if not matches or diagnosis.ambiguous:
            continue
        index = next(i for i, upper in enumerate(BINS) if matches[0].share < upper)
        bins[index][0] += matches[0].condition in {case["condition"], *(case.get("accept") or [])}
        bins[index][1] += 1
    smoothed = [
        ((right + PRIOR_ACCURACY * PRIOR_CASES) / (given + PRIOR_CASES), given + PRIOR_CASES) for right, given in bins
    ]
    fitted = isotonic(smoothed)
    lower = 0.0
    print(f"share bin     right/given  fitted confidence ({which})")
    for (right, given), upper, value in zip(bins, BINS, fitted, strict=True):
        print(f"{lower:.2f}-{min(upper, 1.0):.2f}   {right:4d}/{given:<4d}     {value:.2f}")
        lower = upper
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""From a candidate's share of the evidence to a confidence that says how often such an answer is right.

The share (ranking.py) ranks candidates and tells a settled text from an ambiguous one; read as a
probability it was too modest: on the first frozen blind set the settled first answers given at a
share of 0.6–0.9 were right every time (25/25 and 60/60). `KNOTS` maps the share of a settled first
answer to its confidence piecewise-linearly, from the isotonic fit `scripts/calibrate_diagnoser.py`
prints for that set, held below it where the fresh set measured before any tuning was less right
(0.8–0.9: 94.6 %, under 0.7: 87.8 %): new texts are harder than measured ones.

An ambiguous answer keeps its share: "rate limit 0.45, quota 0.35" says that the text cannot tell
them apart, which a calibrated 0.9 for the family would hide. The other matches keep their shares,
scaled down when needed so that the confidences never add up to more than 1.
"""

from bisect import bisect_right

KNOTS = ((0.0, 0.0), (0.5, 0.85), (0.6, 0.9), (0.75, 0.94), (0.9, 0.97), (1.0, 0.98))


def calibrated(share):
    """The confidence for a settled first answer holding `share` of the evidence (monotone in share)."""
    share = min(max(share, 0.0), 1.0)
    xs = [x for x, _ in KNOTS]
    index = min(bisect_right(xs, share), len(KNOTS) - 1)
    (x0, y0), (x1, y1) = KNOTS[index - 1], KNOTS[index]
    return y0 + (y1 - y0) * (share - x0) / (x1 - x0)


def confidences(shares, *, ambiguous):
    """Confidences for ranked shares, best first: a settled first one calibrated, the rest fitted under 1."""
    if not shares or ambiguous:
        return list(shares)
    first = calibrated(shares[0])
    rest = shares[1:]
    room = 1.0 - first
    scale = min(1.0, room / sum(rest)) if sum(rest) > 0 else 1.0
    return [round(first, 2), *(round(share * scale, 2) for share in rest)]

"""A settled first answer's confidence says how often such answers were right; an ambiguous one keeps its share."""

from errors_kb.diagnose import diagnose_text
from errors_kb.diagnosis.calibration import KNOTS, calibrated, confidences


def test_calibration_is_monotone_raises_modest_shares_and_never_claims_certainty():
    shares = [n / 100 for n in range(101)]
    values = [calibrated(share) for share in shares]
    assert values == sorted(values)
    assert all(value >= share for share, value in zip(shares, values, strict=True) if share <= 0.95)
    assert max(values) < 1.0


def test_the_knots_are_ordered_and_inside_zero_and_one():
    xs, ys = zip(*KNOTS, strict=True)
    assert list(xs) == sorted(xs) and list(ys) == sorted(ys)
    assert xs[0] == 0.0 and xs[-1] == 1.0 and all(0.0 <= y <= 1.0 for y in ys)


def test_a_settled_answer_is_raised_and_the_others_fit_under_one():
    result = confidences([0.7, 0.2, 0.1], ambiguous=False)
    assert result[0] == round(calibrated(0.7), 2) > 0.7
    assert sum(result) <= 1.0 + 1e-9
    assert result[1] >= result[2]


def test_an_ambiguous_answer_keeps_its_share():
    assert confidences([0.45, 0.35, 0.1], ambiguous=True) == [0.45, 0.35, 0.1]


def test_a_clear_quota_body_is_answered_with_high_confidence(diagnose_rules):
    diagnosis = diagnose_text(
        "openai.RateLimitError: Error code: 429 - {'error': {'message': 'You exceeded your current quota, please "
        "check your plan and billing details.', 'type': 'insufficient_quota', 'code': 'insufficient_quota'}}"
    )
    assert not diagnosis.ambiguous
    assert diagnosis.best.confidence >= 0.9
    assert diagnosis.best.confidence >= diagnosis.best.share


def test_a_bare_429_stays_an_honest_tie(diagnose_rules):
    diagnosis = diagnose_text("Error: Request failed with status code 429")
    assert diagnosis.ambiguous
    assert [m.confidence for m in diagnosis.matches] == [m.share for m in diagnosis.matches]

"""The nearest guide entry by character n-grams: a low-confidence suggestion when no rule explains a text.

Character trigrams work the same for English, Chinese and Korean (no word splitting needed).
Each condition's profile is built from the guide's own texts: its example pastes, its verbatim
API messages and its title in every language.
"""

import math
import re
from collections import Counter

N = 3
MAX_CHARACTERS = 2000  # of the pasted text's message that is compared
MIN_SIMILARITY = 0.22
MAX_CONFIDENCE = 0.3
SPACES = re.compile(r"\s+")


def grams(text):
    text = SPACES.sub(" ", text.lower())[:MAX_CHARACTERS]
    return Counter(text[i : i + N] for i in range(max(len(text) - N + 1, 0)))


def profile(texts):
    """(trigram counts, norm) of an entry's texts."""
    counts = Counter()
    for text in texts:
        counts.update(grams(str(text)))
    return counts, math.sqrt(sum(v * v for v in counts.values())) or 1.0


def nearest(text, profiles):
    """(slug, confidence) of the closest profile, or None when nothing is close enough."""
    counts = grams(text)
    norm = math.sqrt(sum(v * v for v in counts.values()))
    if not norm:
        return None
    best, best_score = None, 0.0
    for slug, (entry_counts, entry_norm) in profiles.items():
        dot = sum(v * entry_counts.get(gram, 0) for gram, v in counts.items())
        score = dot / (norm * entry_norm)
        if score > best_score:
            best, best_score = slug, score
    if best is None or best_score < MIN_SIMILARITY:
        return None
    return best, round(min(MAX_CONFIDENCE, best_score * MAX_CONFIDENCE / 0.6), 2)

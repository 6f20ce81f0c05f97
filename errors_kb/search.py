"""Guide search: the words people type, in any language, ranked by how much an entry is about them.

The whole guide is small (dozens of entries), so it is read once per guide version
into an in-memory index (three queries) and searched in Python:

- text is NFKC-normalised and case-folded (so "²" is "2" and "ＡＰＩ" is "api");
- Latin words and numbers are words; identifiers also count by their parts
  (``insufficient_quota`` → insufficient, quota; ``RateLimitError`` → rate, limit, error);
- Chinese, Japanese and Korean runs become overlapping character bigrams, so
  "余额不足" finds "账户余额不足" and "시간 초과" finds "시간이 초과되었습니다";
- a word found nowhere matches the closest known word ("exceded" → "exceeded");
- each word counts by where it is found (names and search terms beat a passing mention)
  and by how rare it is across the guide; entries far below the best one are dropped.
"""

import difflib
import math
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from modeltranslation.utils import build_localized_fieldname

from errors_kb.guide_version import guide_version
from errors_kb.models import Entry, ProviderMessage, Reason, Step
from errors_kb.rendering import markdown_plain
from troubleshooter.lib.languages import LANGUAGE_CODES

# Where a word is found, and how much that says the entry is about it.
FIELD_WEIGHTS = {"name": 4.0, "title": 3.0, "terms": 3.0, "summary": 2.0, "message": 1.5, "text": 1.0}
CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]+")
WORD = re.compile(r"[a-z0-9]+(?:[._-][a-z0-9]+)*")
CAMEL_PART = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")
# Below this share of the best entry's score a match is a passing mention, not an answer.
RELATIVE_CUTOFF = 0.3
FUZZY_CUTOFF = 0.8
FUZZY_MIN_LENGTH = 5


def normalise(text):
    return unicodedata.normalize("NFKC", text or "").casefold()


def tokens(text):
    """The searchable units of a text: words, identifier parts and CJK bigrams, in order."""
    raw = unicodedata.normalize("NFKC", text or "")
    found = []
    for part in CAMEL_PART.findall(raw):
        # camelCase parts ("RateLimitError") are words too, but only when they split something
        if len(part) > 1 and part.lower() not in found:
            found.append(part.lower())
    text = raw.casefold()
    for word in WORD.findall(text):
        found.append(word)
        pieces = re.split(r"[._-]", word)
        if len(pieces) > 1:
            found.extend(piece for piece in pieces if piece)
    for run in CJK_RUN.findall(text):
        if len(run) == 1:
            found.append(run)
        found.extend(run[i : i + 2] for i in range(len(run) - 1))
    return found


def query_tokens(query):
    """The query's units, each once, in the order typed."""
    return list(dict.fromkeys(tokens(query)))


def number_in(token):
    """The HTTP status a query word names, if it is one (Unicode digits included, never an error)."""
    if token.isascii() and token.isdigit() and len(token) == 3:
        return int(token)
    return None


@dataclass
class Document:
    entry_id: int
    slug: str
    kind: str
    sort_order: int
    http_status: int | None
    legacy: bool = False  # explains only the pre-1.0 library (openai.error.*)
    names: set = field(default_factory=set)
    weights: dict = field(default_factory=dict)  # token → best field weight
    counts: dict = field(default_factory=dict)  # token → how often the entry says it

    def add(self, text, place):
        weight = FIELD_WEIGHTS[place]
        for token in tokens(text):
            self.counts[token] = self.counts.get(token, 0) + 1
            if self.weights.get(token, 0) < weight:
                self.weights[token] = weight

    def about(self, token):
        """How much the entry is about a word: where it says it, and (a little) how often."""
        weight = self.weights.get(token, 0)
        return weight + 0.5 * math.log1p(self.counts[token]) if weight else 0


@dataclass
class Index:
    documents: list
    document_frequency: dict
    vocabulary: list
    texts: dict  # (entry id, language) → the page's texts as plain text, in reading order

    def idf(self, token):
        frequency = self.document_frequency.get(token, 0)
        return math.log(1 + (len(self.documents) + 1) / (frequency + 0.5))


def _columns(name):
    return [build_localized_fieldname(name, code) for code in LANGUAGE_CODES]


def _names(entry):
    """What a reader may type whole: slug, codes, types, exception names with or without their module."""
    names = {entry.slug, *entry.error_codes, *entry.error_types}
    for exception in entry.sdk_exceptions:
        names |= {exception, exception.rsplit(".", 1)[-1]}
    return {normalise(name) for name in names}


def index_build():
    """Read the guide (three queries) into a search index."""
    child_texts = defaultdict(list)
    for model in (Reason, Step):
        for entry_id, *texts in model.objects.values_list("entry_id", *_columns("text")):
            child_texts[entry_id].append(dict(zip(LANGUAGE_CODES, texts, strict=True)))
    provider_messages = defaultdict(list)
    for entry_id, message in ProviderMessage.objects.values_list("entry_id", "message"):
        provider_messages[entry_id].append(message)
    entries = list(Entry.objects.all())
    titles = {
        entry.slug: {code: getattr(entry, name) for code, name in zip(LANGUAGE_CODES, _columns("title"), strict=True)}
        for entry in entries
    }
    documents, page_texts = [], {}
    for entry in entries:
        legacy = bool(entry.sdk_exceptions) and all(name.startswith("openai.error.") for name in entry.sdk_exceptions)
        document = Document(
            entry.pk, entry.slug, entry.kind, entry.sort_order, entry.http_status, legacy, _names(entry)
        )
        for name in document.names:
            document.add(name, "name")
        for place, column in (("title", "title"), ("terms", "search_terms"), ("summary", "summary")):
            for value in (getattr(entry, name) for name in _columns(column)):
                document.add(value, place)
        for message in [*entry.api_messages, *provider_messages[entry.pk]]:
            document.add(message, "message")
        for column in ("cause", "solution", "body", "sources_note"):
            for value in (getattr(entry, name) for name in _columns(column)):
                document.add(value, "text")
        for texts in child_texts[entry.pk]:
            for value in texts.values():
                document.add(value, "text")
        for value in entry.examples:
            document.add(value, "text")
        documents.append(document)
        for code in LANGUAGE_CODES:
            fields = [build_localized_fieldname(name, code) for name in ("summary", "cause", "solution", "body")]
            texts = [getattr(entry, name) for name in fields] + [child[code] for child in child_texts[entry.pk]]
            plain = [markdown_plain(text, lang=code, titles=titles) for text in texts if text]
            page_texts[entry.pk, code] = [text for text in plain if text]
    frequency = defaultdict(int)
    for document in documents:
        for token in document.weights:
            frequency[token] += 1
    vocabulary = sorted(token for token in frequency if token.isascii() and len(token) >= FUZZY_MIN_LENGTH - 1)
    return Index(documents, dict(frequency), vocabulary, page_texts)


_built = {}


def search_index():
    """The index of the current guide version, built once per process and version."""
    version = guide_version()
    if version is None:
        return index_build()
    if version not in _built:
        _built.clear()
        _built[version] = index_build()
    return _built[version]


def _variants(index, token):
    """The known words a query word stands for: itself, or its closest spellings, or words it begins."""
    if token in index.document_frequency:
        return [(token, 1.0)]
    if not token.isascii():
        return []
    if len(token) >= FUZZY_MIN_LENGTH:
        close = difflib.get_close_matches(token, index.vocabulary, n=3, cutoff=FUZZY_CUTOFF)
        if close:
            return [(word, 0.8) for word in close]
    if len(token) >= 4:
        return [(word, 0.6) for word in index.vocabulary if word.startswith(token)][:5]
    return []


def _score(index, document, query, words):
    """Sum over query words of (how much the entry is about it × how rare it is), scaled by the share found."""
    score, found = 0.0, 0
    for token, variants in words:
        best = max((document.about(word) * index.idf(word) * factor for word, factor in variants), default=0)
        status = number_in(token)
        if status is not None and document.http_status == status:
            best += 6
        score += best
        found += best > 0
    if words:
        score *= 0.4 + 0.6 * found / len(words)
    whole = normalise(query).strip()
    if whole in document.names:
        # the page about exactly this name: an exception's own page (the current library first), else the entry
        if document.kind == Entry.Kind.EXCEPTION or whole == document.slug:
            score += 28 if document.legacy else 30
        else:
            score += 15
    return score


def index_search(index, *, query, kind=None):
    """Entry ids ranked best first; an empty list when nothing in the guide is about the query."""
    words = [(token, _variants(index, token)) for token in query_tokens(query)]
    scored = []
    kind_rank = {value: rank for rank, value in enumerate(Entry.Kind.values)}
    for document in index.documents:
        if kind and document.kind != kind:
            continue
        score = _score(index, document, query, words)
        if score > 0:
            scored.append((score, document))
    if not scored:
        return []
    top = max(score for score, _ in scored)
    kept = [(score, document) for score, document in scored if score >= RELATIVE_CUTOFF * top]
    kept.sort(key=lambda pair: (-pair[0], kind_rank[pair[1].kind], pair[1].sort_order))
    return [document.entry_id for _, document in kept]


SNIPPET_RADIUS = 70


def index_snippet(index, *, entry_id, query, lang):
    """An excerpt in the page's language around the query, or the longest or rarest part of it found.

    Split so the template can mark the match; the summary when no text of that language has a query word.
    """
    texts = index.texts.get((entry_id, lang), [])
    typed = normalise(query).split()
    parts = [token for token in query_tokens(query) if token.isascii()]  # a lone CJK bigram makes a poor excerpt
    rarest_first = sorted(parts, key=lambda token: index.document_frequency.get(token, len(index.documents)))
    # The whole query, then the words as typed (longest first), then the rarest Latin parts; else the summary.
    words = dict.fromkeys([" ".join(typed), *sorted(typed, key=len, reverse=True), *rarest_first])
    for word in (word for word in words if word):
        for text in texts:
            folded = text.casefold()
            found = folded.find(word) if len(folded) == len(text) else -1
            if found < 0:
                continue
            start = max(0, found - SNIPPET_RADIUS)
            end = min(len(text), found + len(word) + SNIPPET_RADIUS)
            return {
                "lang": lang,
                "before": ("…" if start else "") + text[start:found],
                "match": text[found : found + len(word)],
                "after": text[found + len(word) : end] + ("…" if end < len(text) else ""),
            }
    return {"lang": lang, "before": texts[0] if texts else "", "match": "", "after": ""}

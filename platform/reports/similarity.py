"""Similarity of Go sources by winnowing (Schleimer, Wilkerson and Aiken, "Winnowing: local
algorithms for document fingerprinting", 2003), the method behind MOSS. Pure functions.

Tokens come from Pygments' Go lexer, a real tokenizer: comments and whitespace vanish, every
identifier becomes `V` and every literal `L` (keywords, operators, punctuation and builtin
type names stay), so renaming variables, editing strings or adding comments changes nothing.
Hashes of every k consecutive tokens are winnowed (the minimum of each window of w hashes,
rightmost on ties), which guarantees that any shared run of at least w + k - 1 tokens is
found. Each fingerprint remembers the source lines it covers, so matches can be shown
side by side. Fingerprints of the item's starter code are removed before comparing:
code everybody was given is not evidence of copying."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from pygments.lexers.go import GoLexer
from pygments.token import Comment, Keyword, Literal, Name, Text, Token

K = 8  # tokens per k-gram: shorter runs are common Go idiom (`if err != nil {`...)
W = 6  # window: shared runs of at least W + K - 1 = 13 tokens are always found
THRESHOLD = 0.45  # share of the smaller side's fingerprints found in the other
_LEXER = GoLexer(stripnl=False, ensurenl=False)


@dataclass(frozen=True, slots=True)
class Tok:
    text: str  # normalised
    line: int  # 1-based line in the source


@dataclass(frozen=True, slots=True)
class Fingerprint:
    hash: int
    first_line: int
    last_line: int


def tokens(source: str) -> list[Tok]:
    """Normalised tokens with their lines; comments and whitespace dropped."""
    out: list[Tok] = []
    line = 1
    for kind, value in _LEXER.get_tokens(source):
        if kind in Text or kind in Comment or kind is Token.Text.Whitespace or not value.strip():
            line += value.count("\n")
            continue
        if kind in Keyword.Type or kind in Name.Builtin:
            text = value  # int, string, make, len...: part of the program's shape
        elif kind in Keyword:
            text = value
        elif kind in Name:
            text = "V"
        elif kind in Literal:
            text = "L"
        else:
            text = value
        out.append(Tok(text, line))
        line += value.count("\n")
    return out


def _hash(gram: Iterable[str]) -> int:
    digest = hashlib.blake2b("\x1f".join(gram).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1  # fits a signed 64-bit column


def fingerprints(source: str, k: int = K, w: int = W) -> list[Fingerprint]:
    toks = tokens(source)
    if len(toks) < k:
        return [Fingerprint(_hash(t.text for t in toks), 1, toks[-1].line)] if toks else []
    grams = [
        (_hash(t.text for t in toks[i : i + k]), toks[i].line, toks[i + k - 1].line)
        for i in range(len(toks) - k + 1)
    ]
    if len(grams) <= w:
        low = min(range(len(grams)), key=lambda i: (grams[i][0], -i))
        return [Fingerprint(*grams[low])]
    chosen: dict[int, Fingerprint] = {}
    for start in range(len(grams) - w + 1):
        window = range(start, start + w)
        low = min(window, key=lambda i: (grams[i][0], -i))  # rightmost minimum
        chosen.setdefault(low, Fingerprint(*grams[low]))
    return [chosen[i] for i in sorted(chosen)]


def fingerprint_hashes(source: str) -> list[int]:
    """What an answer stores: its fingerprints' hashes, sorted, without repeats."""
    return sorted({f.hash for f in fingerprints(source)})


def score(a: set[int], b: set[int], base: set[int] = frozenset()) -> float:  # type: ignore[assignment]
    """The share of the smaller side's fingerprints (outside the base) found in the other."""
    a, b = a - base, b - base
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


@dataclass(frozen=True, slots=True)
class Pair:
    left: int  # the ids given to flagged_pairs
    right: int
    score: float


def flagged_pairs(
    hashes: dict[int, set[int]],
    base: set[int] = frozenset(),
    threshold: float = THRESHOLD,  # type: ignore[assignment]
) -> list[Pair]:
    """Every pair above the threshold, most similar first. An inverted index visits only
    pairs that share a fingerprint, so 500 answers do not cost 125 000 comparisons."""
    cleaned = {key: value - base for key, value in hashes.items()}
    index: dict[int, list[int]] = {}
    for key, values in cleaned.items():
        for value in values:
            index.setdefault(value, []).append(key)
    shared: dict[tuple[int, int], int] = {}
    for holders in index.values():
        if len(holders) < 2:
            continue
        for i, left in enumerate(holders):
            for right in holders[i + 1 :]:
                pair = (left, right) if left < right else (right, left)
                shared[pair] = shared.get(pair, 0) + 1
    pairs = []
    for (left, right), count in shared.items():
        smaller = min(len(cleaned[left]), len(cleaned[right]))
        value = count / smaller if smaller else 0.0
        if value >= threshold:
            pairs.append(Pair(left, right, round(value, 3)))
    return sorted(pairs, key=lambda p: (-p.score, p.left, p.right))


def matching_lines(
    left: str, right: str, base: str = ""
) -> tuple[set[int], set[int], list[tuple[int, int, int, int]]]:
    """The lines of each side covered by shared fingerprints, and the matched regions as
    (left first, left last, right first, right last) line ranges, in the left's order."""
    base_hashes = {f.hash for f in fingerprints(base)} if base else set()
    right_by_hash: dict[int, Fingerprint] = {}
    for fp in fingerprints(right):
        right_by_hash.setdefault(fp.hash, fp)
    left_lines: set[int] = set()
    right_lines: set[int] = set()
    regions: list[tuple[int, int, int, int]] = []
    for fp in fingerprints(left):
        other = right_by_hash.get(fp.hash)
        if other is None or fp.hash in base_hashes:
            continue
        left_lines.update(range(fp.first_line, fp.last_line + 1))
        right_lines.update(range(other.first_line, other.last_line + 1))
        region = (fp.first_line, fp.last_line, other.first_line, other.last_line)
        if regions and _touches(regions[-1], region):
            last = regions[-1]
            region = (
                min(last[0], region[0]),
                max(last[1], region[1]),
                min(last[2], region[2]),
                max(last[3], region[3]),
            )
            regions[-1] = region
        else:
            regions.append(region)
    return left_lines, right_lines, regions


def _touches(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return b[0] <= a[1] + 1 and b[2] <= a[3] + 1 and b[3] >= a[2] - 1

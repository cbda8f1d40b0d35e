"""Precision and recall of the similarity flag (platform/reports/similarity.py) on a
labelled set of pairs built from the bank, printed by `make bench`.

Copies (should be flagged), from every coding item's reference:
  renamed     every identifier renamed consistently
  reordered   its top-level declarations in reverse order
  commented   a comment added before every third line, and doc comments reworded
  all three   renamed, reordered and commented at once
  mutants     the item's known-wrong solutions (the reference with a planted bug)
Not copies (should not be flagged):
  independent solutions of the same item (scripts/similarity_set/, written separately)
  references of two different items that share a topic (same idioms, different code)
The item's starter code is the base, removed before comparing, as on the platform.
"""

from __future__ import annotations

import itertools
import random
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "platform")]

from pygments.lexers.go import GoLexer  # noqa: E402
from pygments.token import Keyword, Name  # noqa: E402
from reports import similarity  # noqa: E402

BANK = ROOT / "problems" / "bank"
INDEPENDENT = ROOT / "scripts" / "similarity_set"


def renamed(source: str) -> str:
    names: dict[str, str] = {}
    out = []
    for kind, value in GoLexer().get_tokens(source):
        if kind in Name and kind not in Name.Builtin and kind not in Keyword:
            value = names.setdefault(value, f"x{len(names)}_{value[::-1].lower()}")
        out.append(value)
    return "".join(out)


def reordered(source: str) -> str:
    lines = source.splitlines()
    starts = [n for n, line in enumerate(lines) if line.startswith(("func ", "type "))]
    if len(starts) < 2:
        return source
    head = lines[: starts[0]]
    blocks = [lines[a:b] for a, b in itertools.pairwise([*starts, len(lines)])]
    return "\n".join(head + [line for block in reversed(blocks) for line in block]) + "\n"


def commented(source: str) -> str:
    out = []
    for n, line in enumerate(source.splitlines()):
        if line.lstrip().startswith("//"):
            line = line.replace("//", "// note:", 1)
        elif n % 3 == 2:
            out.append(line[: len(line) - len(line.lstrip())] + "// careful here")
        out.append(line)
    return "\n".join(out) + "\n"


def items() -> list[dict]:
    found = []
    for toml in sorted(BANK.glob("*/problem.toml")):
        meta = tomllib.loads(toml.read_text())
        folder = toml.parent
        if meta.get("kind") == "quiz" or not (folder / "reference.go").exists():
            continue
        found.append(
            {
                "slug": folder.name,
                "topics": set(meta.get("topics", [])),
                "reference": (folder / "reference.go").read_text(),
                "starter": (folder / "starter.go").read_text(),
                "mutants": [p.read_text() for p in sorted((folder / "mutants").glob("*.go"))],
            }
        )
    return found


def labelled_pairs() -> list[tuple[str, str, str, str, bool]]:
    """(kind, base, left, right, is_copy)."""
    pairs = []
    bank = items()
    for item in bank:
        ref, base = item["reference"], item["starter"]
        pairs.append(("renamed", base, ref, renamed(ref), True))
        pairs.append(("reordered", base, ref, reordered(ref), True))
        pairs.append(("commented", base, ref, commented(ref), True))
        pairs.append(("all three", base, ref, commented(reordered(renamed(ref))), True))
        pairs += [("mutant", base, ref, mutant, True) for mutant in item["mutants"]]
        independent = INDEPENDENT / f"{item['slug']}.go"
        if independent.exists():
            pairs.append(("independent", base, ref, independent.read_text(), False))
    others = [(a, b) for a, b in itertools.combinations(bank, 2) if a["topics"] & b["topics"]]
    for a, b in random.Random(7).sample(others, min(150, len(others))):
        pairs.append(
            ("other item", a["starter"] + b["starter"], a["reference"], b["reference"], False)
        )
    return pairs


def main() -> None:
    pairs = labelled_pairs()
    rows: dict[str, list[int]] = {}
    tp = fp = fn = tn = 0
    for kind, base, left, right, is_copy in pairs:
        value = similarity.score(
            set(similarity.fingerprint_hashes(left)),
            set(similarity.fingerprint_hashes(right)),
            set(similarity.fingerprint_hashes(base)),
        )
        flagged = value >= similarity.THRESHOLD
        tp += flagged and is_copy
        fp += flagged and not is_copy
        fn += not flagged and is_copy
        tn += not flagged and not is_copy
        counts = rows.setdefault(kind, [0, 0])
        counts[0] += flagged
        counts[1] += 1
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    print(
        f"similarity (winnowing k={similarity.K} w={similarity.W}, flag >= {similarity.THRESHOLD})"
    )
    for kind, (flagged, total) in rows.items():
        print(f"  {kind:<12} flagged {flagged:>3}/{total:<3}")
    print(f"  precision {precision:.3f}  recall {recall:.3f}  ({tp} tp, {fp} fp, {fn} fn, {tn} tn)")


if __name__ == "__main__":
    main()

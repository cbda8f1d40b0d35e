"""Grades one bank item's starter for real and stores what the landing page draws:
platform/practice/examples/landing.json (the item, the source, the result as stored).

Run again when the result schema changes:
    .venv/bin/python scripts/capture_landing_example.py [SLUG]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graders import EngineSettings, Mode, grade  # noqa: E402
from problems.loader import load_problem  # noqa: E402

OUT = ROOT / "platform" / "practice" / "examples" / "landing.json"


def main(slug: str) -> None:
    item = load_problem(ROOT / "problems" / "bank" / slug)
    result = grade(
        item.grade_request(item.starter.encode(), Mode.SUBMIT), settings=EngineSettings.from_env()
    ).to_dict()
    for key in ("timings", "sandbox"):  # machine details, not part of the story
        result.pop(key, None)
    example = {"slug": slug, "title": {"en": item.title.en, "zh": item.title.zh},
               "source": item.starter, "result": result}  # fmt: skip
    OUT.write_text(json.dumps(example, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(result["verdict"], [(f["kind"], f.get("line")) for f in result["findings"]])


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "register-handler-check-then-act")

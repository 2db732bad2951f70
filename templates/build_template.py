"""Write templates/lga-house.docx from templates/house-style.yaml, for designers to open in Word.

The renderer builds the same template in memory on every run, so this file is for looking at, not
for editing: change house-style.yaml (or policydesk/render/template.py) and build it again.

    python templates/build_template.py [OUT]
"""

from __future__ import annotations

import sys
from pathlib import Path

from policydesk.render.house_style import house_style
from policydesk.render.template import template_bytes


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("lga-house.docx")
    out.write_bytes(template_bytes(house_style(Path(__file__).with_name("house-style.yaml"))))
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

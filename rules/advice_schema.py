"""Write docs/advies.schema.json from the advice models: `python -m rules.advice_schema`.

The published schema is generated, never edited by hand; tests/rules/test_advice_model.py fails
when the file is out of date."""

import json
from pathlib import Path

from rules.advice import json_schema

SCHEMA_PATH = Path(__file__).resolve().parents[1] / "docs" / "advies.schema.json"


def schema_text() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":
    SCHEMA_PATH.write_text(schema_text(), encoding="utf-8")
    print(f"{SCHEMA_PATH} geschreven.")

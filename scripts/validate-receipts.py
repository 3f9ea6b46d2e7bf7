#!/usr/bin/env python3
"""Validates receipt documents against docs/receipt.schema.json with a real JSON Schema validator.

Prints one JSON line per file: {"file": ..., "valid": true|false, "message": ...}. The test suite runs it over
every example and every bad fixture and expects the same verdict as qrdesk's own reader. Formats (date-time)
are asserted, as qrdesk's reader asserts them.
"""
import json
import sys
from pathlib import Path

import jsonschema

schema = json.loads((Path(__file__).resolve().parent.parent / "docs" / "receipt.schema.json").read_text())
validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
for name in sys.argv[1:]:
    try:
        document = json.loads(Path(name).read_text(encoding="utf-8"))
        error = jsonschema.exceptions.best_match(validator.iter_errors(document))
        message = None if error is None else f"{'/'.join(map(str, error.absolute_path))}: {error.message[:200]}"
    except (ValueError, UnicodeDecodeError) as problem:
        message = f"not valid JSON: {problem}"
    print(json.dumps({"file": name, "valid": message is None, "message": message}, ensure_ascii=False))

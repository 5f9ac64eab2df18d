#!/usr/bin/env python3
"""PyYAML's safe_load (pip install pyyaml), the reference for parse_yaml.

Reads one JSON string per line (a YAML document) and writes one line per input: the loaded
value in a tagged form that keeps ints, floats and key order exact:
  null, true, false, and strings stand for themselves;
  ["int", "<decimal>"], ["float", "<float.hex()>"], ["list", [items]],
  ["map", [[key, value], ...]] in insertion order, ["other", "<repr>"] for anything else
  (dates, sets, bytes, non-string keys);
or {"error": "<message>"} when safe_load raises.
"""
import json
import sys

import yaml


def tagged(value):
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return ["int", str(value)]
    if isinstance(value, float):
        return ["float", value.hex()]
    if isinstance(value, list):
        return ["list", [tagged(item) for item in value]]
    if isinstance(value, dict):
        return ["map", [[key if isinstance(key, str) else ["other", repr(key)], tagged(item)]
                        for key, item in value.items()]]
    return ["other", repr(value)]


def main():
    for line in sys.stdin:
        if not line.strip():
            continue
        text = json.loads(line)
        try:
            result = tagged(yaml.safe_load(text))
        except Exception as error:  # any YAMLError, or a constructor failure
            result = {"error": type(error).__name__}
        print(json.dumps(result))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""The regex the tag builtins stand for: re.findall(r"<tag>(.*?)</tag>", text, re.DOTALL).

Reads one JSON object per line: {"text": str, "tag": str} and writes one line per input:
the list of contents found, left to right.
"""
import json
import re
import sys


def main():
    for line in sys.stdin:
        if not line.strip():
            continue
        case = json.loads(line)
        tag = re.escape(case["tag"])
        print(json.dumps(re.findall("<" + tag + ">(.*?)</" + tag + ">", case["text"], re.DOTALL)))


if __name__ == "__main__":
    main()

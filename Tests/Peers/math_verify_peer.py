#!/usr/bin/env python3
"""Differential peer for the math answer builtins: runs HuggingFace math-verify (0.9.x).

Reads one JSON object per line on stdin and writes one JSON object per line on stdout.

Each case is {"gold": str, "pred": str} or {"gold": str, "text": str}:
- "pred" is an already extracted answer; it is wrapped as "\\boxed{pred}", the way a model
  writes its final answer, and the gold as "$gold$", the way a dataset stores it. This is the
  convention the Swift test mirrors with math_equal(pred, gold).
- "text" is a whole model response, passed to parse unchanged (the Swift side extracts the
  answer with extract_answer(text, "auto") first).

The output is {"equal": bool, "gold": str, "pred": str, "seconds": float}, where gold and
pred are math-verify's parsed values (for the disagreement report) and seconds is the time
parse + verify took for the case.
"""

import json
import logging
import sys
import time

logging.disable(logging.CRITICAL)

from math_verify import parse, verify  # noqa: E402


def run_case(case):
    """Parses both sides the way a reward function would and verifies them."""
    start = time.perf_counter()
    gold = parse("$" + case["gold"] + "$")
    if "text" in case:
        pred = parse(case["text"])
    else:
        pred = parse("\\boxed{" + case["pred"] + "}")
    equal = bool(verify(gold, pred))
    seconds = time.perf_counter() - start
    return {"equal": equal, "gold": repr(gold), "pred": repr(pred), "seconds": seconds}


def main():
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        try:
            result = run_case(json.loads(line))
        except Exception as error:  # a crash in the peer is reported, not fatal
            result = {"equal": False, "gold": "", "pred": "", "seconds": 0.0, "error": repr(error)}
        sys.stdout.write(json.dumps(result) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()

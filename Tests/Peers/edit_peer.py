#!/usr/bin/env python3
"""Edit distances from rapidfuzz (pip install rapidfuzz), the reference for edit_distance,
edit_ratio and indel_ratio.

Reads one JSON object per line: {"a": str, "b": str} and writes one line per input:
{"distance": Levenshtein.distance, "similarity": Levenshtein.normalized_similarity,
 "ratio": 1 - distance / max(len(a), len(b)) (1.0 when both are empty),
 "indel": fuzz.ratio / 100, "indel_exact": 1 - Indel.distance / (len(a) + len(b))}.
"""
import json
import sys

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel, Levenshtein


def main():
    for line in sys.stdin:
        if not line.strip():
            continue
        case = json.loads(line)
        a, b = case["a"], case["b"]
        distance = Levenshtein.distance(a, b)
        longest = max(len(a), len(b))
        total = len(a) + len(b)
        print(json.dumps({
            "distance": distance,
            "similarity": Levenshtein.normalized_similarity(a, b),
            "ratio": 1.0 - distance / longest if longest else 1.0,
            "indel": fuzz.ratio(a, b) / 100,
            "indel_exact": 1.0 - Indel.distance(a, b) / total if total else 1.0,
        }))


if __name__ == "__main__":
    main()

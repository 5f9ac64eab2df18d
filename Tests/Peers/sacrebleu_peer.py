#!/usr/bin/env python3
"""Differential peer for rubric's `sentence_bleu` and `chrf` builtins: runs sacrebleu 2.x.

Reads one JSON object per line on stdin, either
    {"metric": "sentence_bleu", "prediction": str, "references": [str, ...]}
or
    {"metric": "chrf", "prediction": str, "references": [str, ...],
     "char_order": int, "word_order": int, "beta": int}
and writes one JSON object per line on stdout: {"score": float, "repr": repr(score)} with the
sacrebleu score (0-100, as sacrebleu reports it), or {"error": "<type>: <message>"} when
sacrebleu raises.
"""

import logging

import sacrebleu

from peer_io import serve

logging.disable(logging.CRITICAL)


def run_case(case):
    """Scores one case with sacrebleu's sentence-level functions and their defaults."""
    if case["metric"] == "sentence_bleu":
        return float(sacrebleu.sentence_bleu(case["prediction"], case["references"]).score)
    if case["metric"] == "chrf":
        return float(sacrebleu.sentence_chrf(
            case["prediction"], case["references"],
            char_order=case.get("char_order", 6), word_order=case.get("word_order", 0),
            beta=case.get("beta", 2)).score)
    raise ValueError("unknown metric " + repr(case["metric"]))


if __name__ == "__main__":
    serve(run_case)

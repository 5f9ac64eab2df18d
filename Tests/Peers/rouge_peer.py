#!/usr/bin/env python3
"""Differential peer for rubric's `rouge` builtins and its Porter stemmer: runs Google's
rouge-score package (0.1.x) and NLTK's PorterStemmer (default NLTK_EXTENSIONS mode).

Reads one JSON object per line on stdin, either
    {"metric": "rouge", "prediction": str, "reference": str, "kind": str, "stem": bool}
which writes {"score": fmeasure, "repr": repr(fmeasure)} for
RougeScorer([kind], use_stemmer=stem).score(target=reference, prediction=prediction), or
    {"metric": "stem", "words": [str, ...]}
which writes {"stems": [PorterStemmer().stem(word) for word in words]}.
A case for which the Python code raises writes {"error": "<type>: <message>"}.
"""

import logging

from nltk.stem.porter import PorterStemmer
from rouge_score import rouge_scorer

from peer_io import serve

logging.disable(logging.CRITICAL)

_SCORERS = {}
_STEMMER = PorterStemmer()


def scorer(kind, stem):
    """Returns a cached RougeScorer for one kind, with or without stemming."""
    key = (kind, stem)
    if key not in _SCORERS:
        _SCORERS[key] = rouge_scorer.RougeScorer([kind], use_stemmer=stem)
    return _SCORERS[key]


def run_case(case):
    """Scores or stems one case."""
    if case["metric"] == "rouge":
        kind = case.get("kind", "rougeL")
        scores = scorer(kind, bool(case.get("stem", False))).score(
            target=case["reference"], prediction=case["prediction"])
        fmeasure = float(scores[kind].fmeasure)
        return {"score": fmeasure, "repr": repr(fmeasure)}
    if case["metric"] == "stem":
        return {"stems": [_STEMMER.stem(word) for word in case["words"]]}
    raise ValueError("unknown metric " + repr(case["metric"]))


if __name__ == "__main__":
    serve(run_case, score_result=False)

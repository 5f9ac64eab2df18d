#!/usr/bin/env python3
"""Differential peer for rubric's `bleu` builtin: Hugging Face evaluate's "bleu" metric for one
prediction, without installing evaluate (which pulls in datasets, pandas and more).

evaluate's metrics/bleu/bleu.py tokenises every string with its tokenizer_13a.Tokenizer13a,
which is sacrebleu's Tokenizer13a returning `line.split()` instead of `' '.join(line.split())`,
and calls compute_bleu from its nmt_bleu.py, a copy of tensorflow/nmt's nmt/scripts/bleu.py
(Apache-2.0) to which evaluate added the guard for empty translations or references. The
tokeniser here is sacrebleu's own (installed); compute_bleu below is transcribed line by line
from evaluate's nmt_bleu.py.

Reads one JSON object per line on stdin:
    {"prediction": str, "references": [str, ...], "max_order": int, "smooth": bool}
and writes one JSON object per line on stdout: {"score": float, "repr": repr(score)}, or
{"error": "<exception type>: <message>"} when the Python code raises.
"""

import collections
import math

from sacrebleu.tokenizers.tokenizer_13a import Tokenizer13a

from peer_io import serve


def _get_ngrams(segment, max_order):
    """Extracts all n-grams upto a given maximum order from an input segment."""
    ngram_counts = collections.Counter()
    for order in range(1, max_order + 1):
        for i in range(0, len(segment) - order + 1):
            ngram = tuple(segment[i:i + order])
            ngram_counts[ngram] += 1
    return ngram_counts


def compute_bleu(reference_corpus, translation_corpus, max_order=4, smooth=False):
    """Computes BLEU score of translated segments against one or more references."""
    matches_by_order = [0] * max_order
    possible_matches_by_order = [0] * max_order
    reference_length = 0
    translation_length = 0
    for (references, translation) in zip(reference_corpus, translation_corpus):
        reference_length += min(len(r) for r in references)
        translation_length += len(translation)

        merged_ref_ngram_counts = collections.Counter()
        for reference in references:
            merged_ref_ngram_counts |= _get_ngrams(reference, max_order)
        translation_ngram_counts = _get_ngrams(translation, max_order)
        overlap = translation_ngram_counts & merged_ref_ngram_counts
        for ngram in overlap:
            matches_by_order[len(ngram) - 1] += overlap[ngram]
        for order in range(1, max_order + 1):
            possible_matches = len(translation) - order + 1
            if possible_matches > 0:
                possible_matches_by_order[order - 1] += possible_matches

    precisions = [0] * max_order
    for i in range(0, max_order):
        if smooth:
            precisions[i] = ((matches_by_order[i] + 1.) /
                             (possible_matches_by_order[i] + 1.))
        else:
            if possible_matches_by_order[i] > 0:
                precisions[i] = (float(matches_by_order[i]) /
                                 possible_matches_by_order[i])
            else:
                precisions[i] = 0.0

    if min(precisions) > 0:
        p_log_sum = sum((1. / max_order) * math.log(p) for p in precisions)
        geo_mean = math.exp(p_log_sum)
    else:
        geo_mean = 0

    if reference_length == 0 or translation_length == 0:
        ratio = 0.0
        bp = 0.0
    else:
        ratio = float(translation_length) / reference_length
        bp = 1.0 if ratio > 1.0 else math.exp(1 - 1.0 / ratio)

    bleu = geo_mean * bp

    return (bleu, precisions, bp, ratio, translation_length, reference_length)


_TOKENIZER = Tokenizer13a()


def tokenize(line):
    """evaluate's Tokenizer13a: sacrebleu's 13a tokenisation, returned as a list of tokens."""
    return _TOKENIZER(line).split()


def run_case(case):
    """Scores one prediction the way evaluate's Bleu._compute does."""
    references = [[tokenize(r) for r in case["references"]]]
    predictions = [tokenize(case["prediction"])]
    bleu = compute_bleu(reference_corpus=references, translation_corpus=predictions,
                        max_order=case.get("max_order", 4), smooth=case.get("smooth", False))[0]
    return float(bleu)


if __name__ == "__main__":
    serve(run_case)

#!/usr/bin/env python3
"""SQuAD v1.1 answer metrics, transcribed from the official evaluation script
(evaluate-v1.1.py, https://rajpurkar.github.io/SQuAD-explorer/): normalize_answer,
exact_match_score, f1_score and metric_max_over_ground_truths, unchanged.

Reads one JSON object per line: {"prediction": str, "golds": [str, ...]} (golds non-empty)
and writes one line per input: {"normalized": str, "em": float, "f1": float}.
"""
import json
import re
import string
import sys
from collections import Counter


def normalize_answer(s):
    """Lower text and remove punctuation, articles and extra whitespace."""
    def remove_articles(text):
        return re.sub(r'\b(a|an|the)\b', ' ', text)

    def white_space_fix(text):
        return ' '.join(text.split())

    def remove_punc(text):
        exclude = set(string.punctuation)
        return ''.join(ch for ch in text if ch not in exclude)

    def lower(text):
        return text.lower()

    return white_space_fix(remove_articles(remove_punc(lower(s))))


def f1_score(prediction, ground_truth):
    prediction_tokens = normalize_answer(prediction).split()
    ground_truth_tokens = normalize_answer(ground_truth).split()
    common = Counter(prediction_tokens) & Counter(ground_truth_tokens)
    num_same = sum(common.values())
    if num_same == 0:
        return 0
    precision = 1.0 * num_same / len(prediction_tokens)
    recall = 1.0 * num_same / len(ground_truth_tokens)
    f1 = (2 * precision * recall) / (precision + recall)
    return f1


def exact_match_score(prediction, ground_truth):
    return (normalize_answer(prediction) == normalize_answer(ground_truth))


def metric_max_over_ground_truths(metric_fn, prediction, ground_truths):
    scores_for_ground_truths = []
    for ground_truth in ground_truths:
        score = metric_fn(prediction, ground_truth)
        scores_for_ground_truths.append(score)
    return max(scores_for_ground_truths)


def main():
    for line in sys.stdin:
        if not line.strip():
            continue
        case = json.loads(line)
        prediction, golds = case["prediction"], case["golds"]
        print(json.dumps({
            "normalized": normalize_answer(prediction),
            "em": float(metric_max_over_ground_truths(exact_match_score, prediction, golds)),
            "f1": float(metric_max_over_ground_truths(f1_score, prediction, golds)),
        }))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Deterministic generator of synthetic RL-reward samples for the benchmark.

Writes the same N samples in two encodings, from the same records, so that every
runner reads identical data in the form that is cheapest for it to load:

  out/samples.jsonl  one JSON object per line (read by the Rubric and CPython runners)
  out/samples.tsv    one tab-separated line per sample (read by the Lua runner, so that
                     loading does not depend on a JSON library Lua does not ship)
  out/samples.meta.json  {"samples": N, "seed": S, "format": F} so run.py can reuse files

Fields of a sample:
  completion   string, 50-400 ASCII characters, no tab/newline/backslash/quote;
               about 60% contain "<answer>"
  answer       short string (a number, a fraction or a word)
  tokens       int in [10, 5000]
  step_scores  list of 15-25 floats in [-1, 1] (4 decimals)
  judge        float in [0, 1] (4 decimals)

TSV column order: tokens, judge, answer, step_scores (comma-separated), completion.
Floats are written with repr() in both files, so every parser gets the same doubles.
"""

import argparse
import json
import os
import random
import sys

FORMAT_VERSION = 1

WORDS = (
    "first we compute the sum of both terms and then divide by two so the result is "
    "clearly positive let x be the unknown value substituting gives an equation that "
    "we can solve directly note that each step follows from the previous one therefore "
    "the remainder is zero check the base case again since n must be an integer hence "
    "the total equals the expected count we simplify the fraction and verify the bound "
    "wait that is not right let me reconsider the second case carefully = + - * ( ) . , :"
).split()

WORD_ANSWERS = ("yes", "no", "Paris", "blue", "seven", "none", "x=3", "pi")


def filler(rng, n):
    """Exactly n characters of space-separated words (the last one may be cut)."""
    if n <= 0:
        return ""
    parts = []
    size = 0
    while size <= n:  # the joined text is size - 1 characters long
        word = rng.choice(WORDS)
        parts.append(word)
        size += len(word) + 1
    return " ".join(parts)[:n]


def make_answer(rng):
    kind = rng.random()
    if kind < 0.6:
        return str(rng.randint(0, 999))
    if kind < 0.8:
        return "%d/%d" % (rng.randint(1, 20), rng.randint(2, 30))
    return rng.choice(WORD_ANSWERS)


def make_completion(rng, answer, length):
    """A completion of exactly `length` characters in one of a few typical shapes."""
    given = answer if rng.random() < 0.55 else make_answer(rng)  # right or wrong answer
    shape = rng.random()
    if shape < 0.40:
        # <think> ... </think> <answer>X</answer>   (well formed)
        head, tail = "<think>", "</think> <answer>" + given + "</answer>"
        return head + filler(rng, length - len(head) - len(tail)) + tail
    if shape < 0.60:
        # reasoning <answer>X</answer> trailing chatter   (answer tag, not at the end)
        middle = " <answer>" + given + "</answer> "
        rest = length - len(middle)
        before = rest // 2
        return filler(rng, before) + middle + filler(rng, rest - before)
    if shape < 0.75:
        # <think> ... The answer is X.   (no answer tag)
        head, tail = "<think>", " The answer is " + given + "."
        return head + filler(rng, length - len(head) - len(tail)) + tail
    # free text, sometimes mentioning the answer
    if rng.random() < 0.5:
        tail = " so " + given
        return filler(rng, length - len(tail)) + tail
    return filler(rng, length)


def make_tokens(rng):
    pick = rng.random()
    if pick < 0.60:
        return rng.randint(10, 3072)      # no overlong penalty
    if pick < 0.85:
        return rng.randint(3073, 4096)    # inside the soft-penalty window
    return rng.randint(4097, 5000)        # over the limit


def make_sample(rng):
    answer = make_answer(rng)
    completion = make_completion(rng, answer, rng.randint(50, 400))
    tokens = make_tokens(rng)
    steps = [round(rng.uniform(-1.0, 1.0), 4) for _ in range(rng.randint(15, 25))]
    judge = round(rng.random(), 4)
    return completion, answer, tokens, steps, judge


def generate(n, seed, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    rng = random.Random(seed)
    jsonl_path = os.path.join(out_dir, "samples.jsonl")
    tsv_path = os.path.join(out_dir, "samples.tsv")
    meta_path = os.path.join(out_dir, "samples.meta.json")
    if os.path.exists(meta_path):
        os.remove(meta_path)  # invalid until both files are complete
    with open(jsonl_path, "w", encoding="ascii") as jf, open(tsv_path, "w", encoding="ascii") as tf:
        for _ in range(n):
            completion, answer, tokens, steps, judge = make_sample(rng)
            assert 50 <= len(completion) <= 400, len(completion)
            assert not any(c in completion for c in '\t\n\\"'), completion
            jf.write(json.dumps({
                "completion": completion,
                "answer": answer,
                "tokens": tokens,
                "step_scores": steps,
                "judge": judge,
            }, separators=(",", ":")))
            jf.write("\n")
            tf.write("%d\t%r\t%s\t%s\t%s\n" % (
                tokens, judge, answer, ",".join(repr(s) for s in steps), completion))
    with open(meta_path, "w") as mf:
        json.dump({"samples": n, "seed": seed, "format": FORMAT_VERSION}, mf)
    return jsonl_path, tsv_path


def main(argv=None):
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument("--out", default=os.path.join(here, "out"))
    args = parser.parse_args(argv)
    if args.samples <= 0:
        parser.error("--samples must be positive")
    jsonl, tsv = generate(args.samples, args.seed, args.out)
    print("wrote %d samples to %s and %s" % (args.samples, jsonl, tsv), file=sys.stderr)


if __name__ == "__main__":
    main()

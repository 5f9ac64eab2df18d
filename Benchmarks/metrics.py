#!/usr/bin/env python3
"""Times Rubric's native metrics against the Python packages they reproduce, side by side.

    python3 Benchmarks/metrics.py                  # 5,000 text pairs, 1,000 math pairs
    python3 Benchmarks/metrics.py --skip-build --text 2000 --math 300

For each metric it writes a one-line rubric (`reward = metric(...)`), times it with
`rubric-bench` (release build, process CPU time, samples loaded before timing) and times
the Python peer on the same samples with time.process_time(). It prints microseconds per
sample, the speed-up, and checks that both sides sum to the same total (1e-9 relative), so
a fast wrong answer cannot pass unnoticed.

Peers: sacrebleu 2.x (sentence_bleu, sentence_chrf), rouge-score (ROUGE-L F), the nmt BLEU
of Hugging Face evaluate (Tests/Peers/nmt_bleu.py, smooth=True as BLEUBERI uses it) and
math-verify (parse + verify).
"""

import argparse
import json
import os
import random
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(HERE, "out", "metrics")
BENCH = os.path.join(ROOT, ".build", "release", "rubric-bench")

WORDS = ("the cat sat on a mat while dogs ran across green fields under bright summer skies "
         "and children laughed , played , sang songs about rivers mountains cities ; "
         "model answers reference text quickly slowly carefully 42 3.5 Paris France").split()


def sentence(rng, length):
    return " ".join(rng.choice(WORDS) for _ in range(length))


def math_pair(rng):
    """A (gold, prediction) pair in one of several notations, equal about half the time."""
    a, b = rng.randint(1, 99), rng.randint(2, 12)
    forms = [
        (str(a), rng.choice([str(a), f"{a}.0", str(a + 1)])),
        (f"\\frac{{{a}}}{{{b}}}", rng.choice([f"{a}/{b}", f"\\dfrac{{{a}}}{{{b}}}", f"{a / b:.6f}", f"{a + 1}/{b}"])),
        (f"{a}\\sqrt{{{b}}}", rng.choice([f"\\sqrt{{{a * a * b}}}", f"{a}\\sqrt{{{b + 1}}}"])),
        (f"({a}, {b})", rng.choice([f"({a},{b})", f"({b}, {a})"])),
        (f"{a}\\%", rng.choice([f"{a / 100}", f"{a}", f"{a + 1}\\%"])),
    ]
    return rng.choice(forms)


def make_samples(count_text, count_math, seed):
    rng = random.Random(seed)
    text = []
    for _ in range(count_text):
        reference = sentence(rng, rng.randint(8, 60))
        words = reference.split()
        # A prediction that shares much of the reference: some words replaced or dropped.
        prediction = " ".join(w if rng.random() < 0.7 else rng.choice(WORDS) for w in words if rng.random() < 0.9)
        text.append({"prediction": prediction, "reference": reference})
    math = [dict(zip(("gold", "prediction"), math_pair(rng))) for _ in range(count_math)]
    return text, math


# ---- Python peers ------------------------------------------------------------------------

def peer_functions():
    import sacrebleu
    from rouge_score import rouge_scorer
    from math_verify import parse, verify
    sys.path.insert(0, os.path.join(ROOT, "Tests", "Peers"))
    import nmt_bleu

    scorer = rouge_scorer.RougeScorer(["rougeL"])
    return {
        "sentence_bleu": lambda s: sacrebleu.sentence_bleu(s["prediction"], [s["reference"]]).score / 100,
        "bleu": lambda s: nmt_bleu.run_case({"prediction": s["prediction"], "references": [s["reference"]],
                                             "smooth": True}),
        "chrf": lambda s: sacrebleu.sentence_chrf(s["prediction"], [s["reference"]]).score / 100,
        "rouge_l": lambda s: scorer.score(s["reference"], s["prediction"])["rougeL"].fmeasure,
        "math_equal": lambda s: 1.0 if verify(parse("$" + s["gold"] + "$"),
                                              parse("\\boxed{" + s["prediction"] + "}")) else 0.0,
    }


RUBRIC_CALLS = {
    "sentence_bleu": "sentence_bleu(prediction, [reference])",
    "bleu": "bleu(prediction, [reference], smooth: true)",
    "chrf": "chrf(prediction, [reference])",
    "rouge_l": "rouge_l(prediction, reference)",
    "math_equal": "math_equal(prediction, gold)",
}


def write_jsonl(path, rows):
    with open(path, "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row) + "\n")


def run_rubric(metric, samples_path, repeat):
    script = os.path.join(OUT, f"{metric}.rubric")
    inputs = "input gold: string\ninput prediction: string\n" if metric == "math_equal" else \
        "input prediction: string\ninput reference: string\n"
    with open(script, "w", encoding="utf-8") as handle:
        handle.write(inputs + f"reward = {RUBRIC_CALLS[metric]}\n")
    output = subprocess.run([BENCH, "--samples", samples_path, "--script", script, "--repeat", str(repeat)],
                            check=True, capture_output=True, text=True).stdout
    result = json.loads(output.strip().splitlines()[-1])
    return result["seconds"], result["checksum"]


def run_python(function, samples):
    start = time.process_time()
    total = sum(function(sample) for sample in samples)
    return time.process_time() - start, total


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--text", type=int, default=5000, help="text pairs for the BLEU/chrF/ROUGE metrics")
    parser.add_argument("--math", type=int, default=1000, help="(gold, prediction) pairs for math_equal")
    parser.add_argument("--repeat", type=int, default=3, help="Rubric timing runs (the fastest is kept)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--skip-build", action="store_true")
    options = parser.parse_args()

    os.makedirs(OUT, exist_ok=True)
    if not options.skip_build:
        subprocess.run(["swift", "build", "-c", "release", "--product", "rubric-bench"], cwd=ROOT, check=True)
    text, math = make_samples(options.text, options.math, options.seed)
    text_path, math_path = os.path.join(OUT, "text.jsonl"), os.path.join(OUT, "math.jsonl")
    write_jsonl(text_path, text)
    write_jsonl(math_path, math)

    peers = peer_functions()
    print(f"{'metric':<14} {'samples':>8} {'Rubric us':>10} {'Python us':>10} {'speed-up':>9}  sums agree")
    failed = False
    for metric in RUBRIC_CALLS:
        samples, path = (math, math_path) if metric == "math_equal" else (text, text_path)
        rubric_seconds, rubric_sum = run_rubric(metric, path, options.repeat)
        python_seconds, python_sum = run_python(peers[metric], samples)
        agree = abs(rubric_sum - python_sum) <= 1e-9 * max(1.0, abs(python_sum))
        failed |= not agree
        print(f"{metric:<14} {len(samples):>8} {rubric_seconds / len(samples) * 1e6:>10.1f} "
              f"{python_seconds / len(samples) * 1e6:>10.1f} {python_seconds / rubric_seconds:>8.0f}x  "
              f"{'yes' if agree else f'NO ({rubric_sum} vs {python_sum})'}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()

"""R1-style samples for the server tests and benchmark, from the eval benchmark's generator."""

import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "Benchmarks"))

from eval_bench import answer_forms, FILLER  # noqa: E402  (the same shapes `rubric eval` is measured on)


def r1_samples(count, seed=7, words=(250, 330)):
    """`count` samples {prompt, completion, answer, prompt_id}, groups of 8 per prompt: most
    well formed, some badly formed, about 30% wrong, answers in several notations."""
    rng = random.Random(seed)
    samples = []
    for index in range(count):
        if index % 8 == 0:
            gold, _ = answer_forms(rng)
            prompt = f"<|im_start|>user\nQuestion {index // 8}: compute the value.<|im_end|>\n<|im_start|>assistant\n"
        _, written = answer_forms(rng) if rng.random() < 0.3 else (gold, gold)
        reasoning = " ".join(rng.choice(FILLER) for _ in range(rng.randint(*words)))
        shape = rng.random()
        if shape < 0.8:
            completion = f"<think>\n{reasoning}\n</think>\n<answer>\n\\boxed{{{written}}}\n</answer>"
        elif shape < 0.9:
            completion = f"{reasoning}\nThe answer is \\boxed{{{written}}}."
        else:
            completion = f"<think>{reasoning}</think><answer>{written}</answer>"
        samples.append({"prompt_id": f"q{index // 8}", "prompt": prompt, "completion": completion, "answer": gold})
    return samples


def openrlhf_payload(samples, eos=""):
    """The body OpenRLHF posts for `samples`: query = prompt + response (+ EOS token)."""
    return {"query": [s["prompt"] + s["completion"] + eos for s in samples],
            "prompts": [s["prompt"] for s in samples],
            "labels": [s["answer"] for s in samples]}

"""R1-style samples for the server tests and benchmark, from the eval benchmark's generator."""

import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "Benchmarks"))

from eval_bench import r1_completions  # noqa: E402  (the samples `rubric eval` is measured on)


def chat_prompt(group):
    """A chat-formatted prompt, as a trainer's template renders it."""
    return f"<|im_start|>user\nQuestion {group}: compute the value.<|im_end|>\n<|im_start|>assistant\n"


def r1_samples(count, seed=7):
    """`count` samples {prompt_id, prompt, completion, answer}, groups of 8 per prompt: most
    well formed, some badly formed, about 30% wrong, answers in several notations."""
    return [{"prompt_id": f"q{group}", "prompt": chat_prompt(group), "completion": completion, "answer": gold}
            for group, completion, gold in r1_completions(random.Random(seed), count)]


def openrlhf_payload(samples, eos=""):
    """The body OpenRLHF posts for `samples`: query = prompt + response (+ EOS token)."""
    return {"query": [s["prompt"] + s["completion"] + eos for s in samples],
            "prompts": [s["prompt"] for s in samples],
            "labels": [s["answer"] for s in samples]}

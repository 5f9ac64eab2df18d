#!/usr/bin/env python3
"""Python transcriptions of the published reward formulas that Stdlib/*.rubric implements,
the reference side of Tests/RubricTests/StdlibFormulaTests.swift.

Reads JSON lines {"fn": name, "args": [...]} on stdin and prints one JSON line per input:
{"ok": result} or {"error": message} when the formula raises. Each function follows the
published code it names (open-r1's src/open_r1/rewards.py, TRL's trl/rewards, verl's DAPO
reward manager, castorini/nuggetizer, TTRL, Router-R1, numpy), written over plain arguments
instead of trainer batches; where REWARDS.md only gives a formula, the formula is written out
directly. Lengths are passed in, never counted here, exactly as the Rubric functions take them.
"""

import json
import math
import re
import sys
import unicodedata
from collections import Counter

try:
    import numpy as np
except ImportError:  # pragma: no cover - numpy is installed by setup.sh
    np = None


# ---- length.rubric -------------------------------------------------------------------------

def soft_overlong(length, max=20480, cache=4096, factor=1.0):
    # TRL _SoftOverlongPunishment (DAPO Eq. 13), scaled by verl's penalty factor.
    max_completion_len, soft_punish_cache = max, cache
    if length <= max_completion_len - soft_punish_cache:
        return 0.0
    elif max_completion_len - soft_punish_cache < length <= max_completion_len:
        return (max_completion_len - soft_punish_cache - length) / soft_punish_cache * factor
    else:
        return -1.0 * factor


def overlong_linear(length, max=20480, cache=4096, factor=1.0):
    # verl DAPORewardManager: overlong buffer penalty.
    overlong_buffer_len = cache
    expected_len = max - overlong_buffer_len
    exceed_len = length - expected_len
    overlong_penalty_factor = factor
    overlong_reward = min(-exceed_len / overlong_buffer_len * overlong_penalty_factor, 0)
    return float(overlong_reward)


def cosine_length(length, max_length, correct, min_value_wrong=-1.0, max_value_wrong=-0.5,
                  min_value_correct=0.5, max_value_correct=1.0, clamp=True):
    # open-r1 get_cosine_scaled_reward, with TRL's optional clamp of the progress.
    gen_len = length
    max_len = max_length
    progress = gen_len / max_len
    if clamp:
        progress = min(1.0, progress)
    cosine = math.cos(progress * math.pi)
    if correct:
        min_value = min_value_correct
        max_value = max_value_correct
    else:
        # Swap min/max for incorrect answers
        min_value = max_value_wrong
        max_value = min_value_wrong
    reward = min_value + 0.5 * (max_value - min_value) * (1.0 + cosine)
    return float(reward)


def kimi_length(length, correct, lengths):
    # open-r1 len_reward (Kimi k1.5), the reward of one member of the group.
    min_len = min(lengths)
    max_len = max(lengths)
    if max_len == min_len:
        return 0.0
    lambda_val = 0.5 - (length - min_len) / (max_len - min_len)
    if correct:
        reward = lambda_val
    else:
        reward = min(0, lambda_val)
    return float(reward)


def linear_length(length, start, end, high, low):
    # Shape only (no published constants): a linear ramp from high to low.
    if length <= start:
        return float(high)
    if length >= end:
        return float(low)
    return high + (low - high) * (length - start) / (end - start)


def repetition_penalty(text, n=3, max_penalty=-1.0):
    # open-r1 get_repetition_penalty_reward.
    ngram_size = n

    def zipngram(text, ngram_size):
        words = text.lower().split()
        return zip(*[words[i:] for i in range(ngram_size)])

    completion = text
    if completion == "":
        return 0.0
    if len(completion.split()) < ngram_size:
        return 0.0
    ngrams = set()
    total = 0
    for ng in zipngram(completion, ngram_size):
        ngrams.add(ng)
        total += 1
    scaling = 1 - len(ngrams) / total
    return scaling * max_penalty


# ---- format.rubric -------------------------------------------------------------------------

def r1_format(text):
    # open-r1 format_reward
    pattern = r"^<think>\n.*?\n</think>\n<answer>\n.*?\n</answer>$"
    return re.match(pattern, text, re.DOTALL | re.MULTILINE) is not None


def think_format(text):
    # TRL think_format_reward
    pattern = r"^<think>(?!.*<think>)(.*?)</think>.*$"
    return re.match(pattern, text, re.DOTALL | re.MULTILINE) is not None


def tag_count_reward(text):
    # open-r1 tag_count_reward
    count = 0.0
    if text.count("<think>\n") == 1:
        count += 0.25
    if text.count("\n</think>\n") == 1:
        count += 0.25
    if text.count("\n<answer>\n") == 1:
        count += 0.25
    if text.count("\n</answer>") == 1:
        count += 0.25
    return count


def reasoning_steps_reward(text):
    # open-r1 reasoning_steps_reward
    pattern = r"(Step \d+:|^\d+\.|\n-|\n\*|First,|Second,|Next,|Finally,)"
    count = len(re.findall(pattern, text))
    return min(1.0, count / 3)


# ---- normalize.rubric ----------------------------------------------------------------------

# The group statistics add floats with math.fsum: Rubric's sum and mean are compensated
# (as Python 3.12's sum is; this peer may run on an older Python), and an all-equal group must
# give a standard deviation of exactly 0, or the 1 / (std + eps) of zscore amplifies the
# rounding error of a naive sum by 10^4.
def _mean(xs):
    return math.fsum(xs) / len(xs)


def stdev(xs, unbiased=False):
    n = len(xs)
    if n < 2:
        return 0.0
    mu = _mean(xs)
    return math.sqrt(math.fsum((x - mu) ** 2 for x in xs) / (n - 1 if unbiased else n))


def zscore(x, xs, eps=0.0001, unbiased=False):
    # TRL GRPO: (r - mean) / (std + eps)
    return (x - _mean(xs)) / (stdev(xs, unbiased) + eps)


def centred(x, xs):
    return x - _mean(xs)


def minmax(x, xs):
    lo, hi = min(xs), max(xs)
    return 0.5 if hi == lo else (x - lo) / (hi - lo)


def rank(x, xs):
    return sum(1 for v in xs if v < x)


def rank_fraction(x, xs):
    return 0.5 if len(xs) < 2 else rank(x, xs) / (len(xs) - 1)


def _numpy_linear_percentile(xs, q):
    """numpy.percentile(xs, q) with method="linear", transcribed from numpy's _lerp."""
    a = sorted(float(v) for v in xs)
    position = (q / 100) * (len(a) - 1)
    below = int(math.floor(position))
    above = min(below + 1, len(a) - 1)
    t = position - below
    lo, hi = a[below], a[above]
    diff = hi - lo
    return hi - diff * (1 - t) if t >= 0.5 else lo + diff * t


def percentile(xs, q):
    if np is not None:
        return float(np.percentile(np.asarray(xs, dtype=float), q))
    return _numpy_linear_percentile(xs, q)


def router_cost_score(raw, raws):
    # Router-R1: x = sqrt(raw); lo/hi = 5th/95th percentiles of the window (min/max when short).
    x = math.sqrt(raw)
    window = [math.sqrt(r) for r in raws]
    if len(window) < 2:
        lo, hi = min(window), max(window)
    else:
        lo, hi = percentile(window, 5), percentile(window, 95)
    if hi - lo < 1e-8:
        return 0.5
    return 1 - min(max((x - lo) / (hi - lo), 0), 1)


# ---- steps.rubric --------------------------------------------------------------------------

def clip_steps(rewards, eta):
    return [float(min(r - eta, 0)) for r in rewards]


def delta_steps(rewards, keep_last=False):
    out = []
    for k, r in enumerate(rewards):
        if k < len(rewards) - 1:
            out.append(float(r - rewards[k + 1]))
        else:
            out.append(float(r) if keep_last else 0.0)
    return out


def clip_delta(rewards, eta, keep_last=False):
    return delta_steps(clip_steps(rewards, eta), keep_last)


def scale_steps(rewards, alpha):
    return [float(alpha * r) for r in rewards]


def add_success(rewards, success):
    out = [float(r) for r in rewards]
    if out:
        out[-1] = float(rewards[-1] + success)
    return out


def renorm(process, outcome, last_is_outcome=False):
    # PPR ReNorm: r_t = r_outcome + r_process,t - 1
    out = [float(outcome + p - 1) for p in process]
    if last_is_outcome and out:
        out[-1] = float(outcome)
    return out


def prm_aggregate(rewards, how="min"):
    if how not in ("min", "mean", "last", "product"):
        raise ValueError(f"unknown how {how!r}")
    if not rewards:
        return 0.0
    if how == "min":
        return float(min(rewards))
    if how == "mean":
        return sum(rewards) / len(rewards)
    if how == "last":
        return float(rewards[-1])
    return float(math.prod(float(r) for r in rewards))


def implicit_process_rewards(log_ratios, beta=0.05):
    # PRIME: r_t = beta * log(pi / pi_ref)
    return [float(beta * x) for x in log_ratios]


def information_gain(probabilities):
    # IGPO: r_t = p_t - p_{t-1}
    return [float(probabilities[t] - probabilities[t - 1]) for t in range(1, len(probabilities))]


# ---- nuggets.rubric ------------------------------------------------------------------------

def _nugget_metrics(labels, vital):
    """castorini/nuggetizer calculate_nugget_scores over (importance, assignment) pairs."""
    nuggets = [{"importance": "vital" if v else "okay", "assignment": a} for a, v in zip(labels, vital)]
    vital_nuggets = [n for n in nuggets if n["importance"] == "vital"]

    def score(n, strict):
        if n["assignment"] == "support":
            return 1.0
        if n["assignment"] == "partial_support" and not strict:
            return 0.5
        return 0.0

    def average(items, strict):
        return sum(score(n, strict) for n in items) / len(items) if items else 0.0

    return {
        "strict_vital_score": average(vital_nuggets, True),
        "strict_all_score": average(nuggets, True),
        "vital_score": average(vital_nuggets, False),
        "all_score": average(nuggets, False),
    }


def nugget_score(labels, vital, strict=False, vital_only=False):
    if vital_only and len(labels) != len(vital):
        raise ValueError("labels and vital differ in length")
    if not vital_only:
        vital = [False] * len(labels)
    metrics = _nugget_metrics(labels, vital)
    key = ("strict_" if strict else "") + ("vital" if vital_only else "all") + "_score"
    return metrics[key]


def nugget_all(labels):
    return _nugget_metrics(labels, [False] * len(labels))["all_score"]


def nugget_vital(labels, vital):
    return nugget_score(labels, vital, False, True)


def nugget_all_strict(labels):
    return _nugget_metrics(labels, [False] * len(labels))["strict_all_score"]


def nugget_vital_strict(labels, vital):
    return nugget_score(labels, vital, True, True)


def weighted_nugget_score(values, weights):
    return weighted_mean(values, weights)


def choice_score(index, n):
    if index < 0 or index >= n:
        raise ValueError("index out of range")
    return 1.0 if n < 2 else index / (n - 1)


# ---- aggregate.rubric ----------------------------------------------------------------------

def weighted_sum(values, weights):
    if len(values) != len(weights):
        raise ValueError("values and weights differ in length")
    return float(sum(v * w for v, w in zip(values, weights)))


def weighted_mean(values, weights):
    total = sum(weights)
    if total == 0:
        return 0.0
    return weighted_sum(values, weights) / total


def gated(gate, value, otherwise=0.0):
    return float(value if gate else otherwise)


def majority(answers):
    # TTRL: Counter(...).most_common(1) over the extracted (non-None) answers.
    present = [a for a in answers if a is not None]
    if not present:
        return None
    return Counter(present).most_common(1)[0][0]


def majority_vote(answer, answers):
    label = majority(answers)
    if answer is None or label is None:
        return 0.0
    return 1.0 if answer == label else 0.0


MASTER_KEY_OPENERS = ["Thought process:", "Let's solve this problem step by step.", "Solution", "解", "かいせつ"]


def _master_key(text):
    """The text without white space (str.split), punctuation (P*) and symbols (S*), lowercased."""
    kept = [c for c in "".join(text.split()) if unicodedata.category(c)[0] not in "PS"]
    return "".join(kept).lower()


def is_master_key(text, openers=None):
    phrases = MASTER_KEY_OPENERS if openers is None else openers
    key = _master_key(text)
    return key == "" or key in [_master_key(p) for p in phrases]


def judge_guard(response, judge_score, openers=None):
    return 0.0 if is_master_key(response, openers) else float(judge_score)


RPR_PHRASES = [
    "i need to", "we need to", "wait", "alternatively", "let me check", "let me see",
    "let's focus on", "we know that", "we can observe ", "we can see ", "let me try", "let's try",
    "let us try", "first, ", "firstly, ", "next, ", "finally, ", "let us first", "let's first",
    "let me first", "try again", "still not", "not working", "not correct", "does not work",
    "doesn't work", "makes sence", "since we ", "because we ", "consequently", "as a result",
    "thus", "therefore", "hence", "so that", "thereby", "if we", "given there ", "for instance ",
    "for example ",
]
assert len(RPR_PHRASES) == 40


def reasoning_pattern_reward(text):
    # RPR (Lv et al. 2025) per REWARDS.md.
    text = text.lower()
    hits = sum(1 for p in RPR_PHRASES if p in text)
    words = text.split()
    grams = [tuple(words[i:i + 20]) for i in range(len(words) - 19)]
    if grams:
        counts = Counter(grams)
        rep20 = sum(1 for c in counts.values() if c > 1) / len(grams)
    else:
        rep20 = 0.0
    return max(0, min(1, hits / 20) - rep20 - text.count("user: "))


def noisy_rm_calibrate(rm_score, rpr, threshold=0.5, weight=0.1):
    return float(min(1, rm_score + weight * rpr)) if rm_score < threshold else float(rm_score)


# ---- match.rubric and the lexical nugget judge ----------------------------------------

def _squad_normalize(text):
    # The official SQuAD v1.1 normalize_answer.
    import re, string
    text = text.lower()
    exclude = set(string.punctuation)
    text = "".join(ch for ch in text if ch not in exclude)
    text = re.sub(r"\b(a|an|the)\b", " ", text)
    return " ".join(text.split())


def contains_any(text, needles, ignore_case=False):
    if ignore_case:
        return any(n.lower() in text.lower() for n in needles)
    return any(n in text for n in needles)


def contains_all(text, needles, ignore_case=False):
    if ignore_case:
        return all(n.lower() in text.lower() for n in needles)
    return all(n in text for n in needles)


def token_recall(response, reference):
    from collections import Counter
    wanted = _squad_normalize(reference).split()
    if not wanted:
        return 0.0
    shared = sum((Counter(wanted) & Counter(_squad_normalize(response).split())).values())
    return shared / len(wanted)


def nugget_label(response, nugget, support=0.8, partial=0.4):
    recall = token_recall(response, nugget)
    return "support" if recall >= support else "partial_support" if recall >= partial else "not_support"


def nugget_labels(response, nuggets, support=0.8, partial=0.4):
    return [nugget_label(response, n, support, partial) for n in nuggets]


FUNCTIONS = {name: value for name, value in list(globals().items())
             if callable(value) and not name.startswith("_") and getattr(value, "__module__", None) == __name__}


# Values cross the pipe tagged, with numbers as text, so that no JSON library on either side
# can round a float: {"t": "n"} null, {"t": "b", "v": true}, {"t": "i", "v": "12"},
# {"t": "f", "v": "0.1"} (repr, shortest round trip), {"t": "s", "v": "..."}, {"t": "l", "v": [...]}.
def decode(item):
    tag = item["t"]
    if tag == "n":
        return None
    if tag == "b":
        return bool(item["v"])
    if tag == "i":
        return int(item["v"])
    if tag == "f":
        return float(item["v"])
    if tag == "s":
        return item["v"]
    if tag == "l":
        return [decode(x) for x in item["v"]]
    raise ValueError(f"unknown tag {tag!r}")


def encode(value):
    if value is None:
        return {"t": "n"}
    if isinstance(value, bool):
        return {"t": "b", "v": value}
    if isinstance(value, int):
        return {"t": "i", "v": str(value)}
    if isinstance(value, float):
        return {"t": "f", "v": repr(value)}
    if isinstance(value, str):
        return {"t": "s", "v": value}
    if isinstance(value, (list, tuple)):
        return {"t": "l", "v": [encode(x) for x in value]}
    raise TypeError(f"cannot encode {type(value).__name__}")


def main():
    for line in sys.stdin:
        if not line.strip():
            continue
        case = json.loads(line)
        try:
            result = {"ok": encode(FUNCTIONS[case["fn"]](*[decode(a) for a in case["args"]]))}
        except Exception as error:  # a formula that raises is reported, not fatal
            result = {"error": f"{type(error).__name__}: {error}"}
        sys.stdout.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()

"""The benchmark workload as a plain CPython function; the same computation as
workload.rubric and workload.lua. A sample is the dict json.loads gives for one line."""


def overlong(l, max_len, cache):
    """DAPO soft overlong punishment (see workload.rubric)."""
    if l <= max_len - cache:
        return 0.0
    if l <= max_len:
        return (max_len - cache - l) / cache
    return -1.0


def reward(sample):
    completion = sample["completion"]
    length = len(completion)
    has_open = "<answer>" in completion
    has_close = completion.endswith("</answer>")
    thinks = completion.startswith("<think>")

    shaped = [s if s < 0.0 else s * 0.5 for s in sample["step_scores"]]
    step_mean = sum(shaped) / len(shaped)
    step_min = min(shaped)
    spread = abs(max(shaped) - step_min)

    if thinks and has_open and has_close:
        format_ = 1.0
    elif has_open:
        format_ = 0.5
    else:
        format_ = 0.0
    correct = 1.0 if has_open and sample["answer"] in completion else 0.0
    overlong_penalty = overlong(sample["tokens"], 4096, 1024)
    steps = 0.7 * step_mean + 0.3 * max(step_min, -0.5) - (0.1 if spread > 1.5 else 0.0)
    brevity = -0.1 if length < 80 else min(length, 300) / 3000

    r = (0.2 * format_ + 0.5 * correct + 0.5 * sample["judge"] + overlong_penalty
         + 0.2 * steps + brevity)
    return max(-1.0, min(1.0, r))

"""Rubric rewards for OpenRLHF. With `--remote_rm_url /path/to/file.py` OpenRLHF loads the file
and calls its `reward_func(queries, prompts, labels)` (from worker threads, often one sample
at a time), where a query is the prompt followed by the response and a label comes from
`--label_key`. It expects {"rewards": tensor, "scores": tensor, "extra_logs": {name: tensor}}:
rewards train the policy, scores (in [0, 1]) drive dynamic filtering, extra_logs are logged.

Point OpenRLHF at this file with RUBRIC_PATH set to the rubric (this module imports only
`rubric`, so it also works loaded on its own):

    RUBRIC_PATH=/path/to/r1_math.rubric ... --remote_rm_url <site-packages>/rubric/openrlhf.py

or write a file of your own:

    from rubric.openrlhf import make_reward_func
    reward_func = make_reward_func("r1_math.rubric", filter_score="correct")

A sample holds `completion` (the query without its prompt), `query`, `prompt`, `label` and
its alias `answer`. Values are torch tensors when torch is installed, else lists. A skipped or
failed sample gets `skip_value` (the rubric's fallback if it has one); score logs are NaN
where a score is missing.
"""

import math
import os

from rubric._adapter import build_samples, needed_fields, resolve

try:
    import torch as _torch
except ImportError:  # torch is optional: without it the values are lists
    _torch = None


def _vector(values):
    """A float tensor when torch is available, else the list itself."""
    return _torch.tensor(values, dtype=_torch.float32) if _torch is not None else values


def response(query, prompt):
    """The response part of a query: what follows the prompt, or the whole query."""
    if isinstance(query, str) and isinstance(prompt, str) and query.startswith(prompt):
        return query[len(prompt):]
    return query


def make_reward_func(rubric, mapping=None, group_by=None, skip_value=0.0, filter_score=None, jobs=None):
    """An OpenRLHF reward_func for `rubric` (a Rubric or a .rubric path). `filter_score` names
    the score reported as "scores" for dynamic filtering (default: the reward)."""
    compiled = resolve(rubric)
    if filter_score is not None and filter_score not in compiled.score_names:
        raise ValueError(f"the rubric has no score {filter_score!r}")
    fields = needed_fields(compiled, mapping, group_by)
    fallback = compiled.info.get("fallback")

    def reward_func(queries, prompts, labels, **kwargs):
        count = len(queries)
        labels = list(labels) if labels is not None else [None] * count
        sources = {"query": queries, "prompt": prompts, "label": labels, "answer": labels,
                   "completion": lambda index: response(queries[index], prompts[index])}
        records = compiled.evaluate(build_samples(count, fields, sources), mapping=mapping, group_by=group_by,
                                    jobs=jobs)
        rewards = []
        for record in records:
            reward = record["reward"]
            if reward is None:
                reward = fallback if fallback is not None else skip_value
            rewards.append(float(reward))
        logs = {}
        for score in compiled.score_names:
            logs[score] = [math.nan if record["scores"].get(score) is None else float(record["scores"][score])
                           for record in records]
        logs["rubric_error"] = [0.0 if record["error"] is None else 1.0 for record in records]
        scores = rewards if filter_score is None else [skip_value if math.isnan(v) else v for v in logs[filter_score]]
        return {"rewards": _vector(rewards), "scores": _vector(scores),
                "extra_logs": {name: _vector(values) for name, values in logs.items()}}

    return reward_func


def reward_func(queries, prompts, labels, **kwargs):
    """OpenRLHF's reward_func for the rubric at $RUBRIC_PATH."""
    path = os.environ.get("RUBRIC_PATH")
    if not path:
        raise ValueError("no rubric: set RUBRIC_PATH to the .rubric file")
    return make_reward_func(resolve(path))(queries, prompts, labels, **kwargs)

"""Rubric rewards for verl's custom reward function. verl loads a Python file by path and calls
one of its functions; its reward managers call

    compute_score(data_source=..., solution_str=..., ground_truth=..., extra_info=..., **reward_kwargs)

per sample (the naive and prime managers), or, with `reward_model.reward_manager=batch`,

    compute_score(data_sources=[...], solution_strs=[...], ground_truths=[...], extra_infos=[...], **reward_kwargs)

and read `result["score"]` of a dict result (every other key is logged per sample). Point verl
at this file (this module imports only `rubric`, so it also works loaded on its own):

    custom_reward_function.path=<site-packages>/rubric/verl.py
    custom_reward_function.name=compute_score            # or compute_score_batch
    +custom_reward_function.reward_kwargs.rubric_path=/path/to/r1_math.rubric

or set RUBRIC_PATH instead of rubric_path, or write a two-line file of your own:

    from rubric.verl import make_compute_score
    compute_score = make_compute_score("r1_math.rubric", mapping={"answer": "ground_truth"})

A sample holds `completion` and `solution_str` (the decoded response), `ground_truth` and its
alias `answer`, `data_source`, `extra_info`, and the keys of `extra_info` that do not clash
with those. A skipped or failed sample scores `skip_value` (the rubric's fallback if it has
one), as verl stores every score in a float tensor; components that are missing are NaN.
"""

import math
import os

from rubric._adapter import build_samples, needed_fields, resolve


def _sources(data_sources, solution_strs, ground_truths, extra_infos):
    """Field sources for a batch of verl's arguments."""
    infos = [info if isinstance(info, dict) else {} for info in extra_infos]
    sources = {
        "completion": solution_strs, "solution_str": solution_strs, "ground_truth": ground_truths,
        "answer": ground_truths, "data_source": data_sources, "extra_info": list(extra_infos),
    }
    for key in {key for info in infos for key in info}:
        if key not in sources:
            sources[key] = (lambda name: lambda index: infos[index].get(name))(key)
    return sources


def _results(rubric, records, skip_value):
    """verl's dicts: "score" (a float in every case), then each score (NaN when missing)."""
    fallback = rubric.info.get("fallback")
    results = []
    for record in records:
        reward = record["reward"]
        if reward is None:
            reward = fallback if fallback is not None else skip_value
        result = {"score": float(reward)}
        for score in rubric.score_names:  # `score` is a reserved word, so no score is called "score"
            value = record["scores"].get(score)
            result[score] = math.nan if value is None else float(value)
        results.append(result)
    return results


def make_compute_score_batch(rubric, mapping=None, group_by=None, skip_value=0.0, jobs=None):
    """A verl batch compute_score for `rubric` (a Rubric or a .rubric path)."""
    compiled = resolve(rubric)
    fields = needed_fields(compiled, mapping, group_by)

    def compute_score_batch(data_sources, solution_strs, ground_truths, extra_infos=None, **kwargs):
        count = len(solution_strs)
        extra = list(extra_infos) if extra_infos is not None else [None] * count
        samples = build_samples(count, fields, _sources(list(data_sources), list(solution_strs),
                                                        list(ground_truths), extra))
        records = compiled.evaluate(samples, mapping=mapping, group_by=group_by, jobs=jobs)
        return _results(compiled, records, skip_value)

    return compute_score_batch


def make_compute_score(rubric, mapping=None, skip_value=0.0):
    """A verl compute_score for `rubric` (a Rubric or a .rubric path), for one sample."""
    batch = make_compute_score_batch(rubric, mapping=mapping, skip_value=skip_value)

    def compute_score(data_source, solution_str, ground_truth, extra_info=None, **kwargs):
        return batch([data_source], [solution_str], [ground_truth], [extra_info])[0]

    return compute_score


def _rubric_path(rubric_path):
    """The rubric named by the `rubric_path` reward kwarg or by $RUBRIC_PATH."""
    path = rubric_path or os.environ.get("RUBRIC_PATH")
    if not path:
        raise ValueError("no rubric: set custom_reward_function.reward_kwargs.rubric_path or RUBRIC_PATH")
    return path


def compute_score(data_source, solution_str, ground_truth, extra_info=None, rubric_path=None, **kwargs):
    """verl's per-sample compute_score for the rubric at `rubric_path` or $RUBRIC_PATH."""
    return compute_score_batch([data_source], [solution_str], [ground_truth], [extra_info], rubric_path=rubric_path)[0]


def compute_score_batch(data_sources, solution_strs, ground_truths, extra_infos=None, rubric_path=None, **kwargs):
    """verl's batch compute_score for the rubric at `rubric_path` or $RUBRIC_PATH."""
    compiled = resolve(_rubric_path(rubric_path))
    return make_compute_score_batch(compiled)(data_sources, solution_strs, ground_truths, extra_infos)

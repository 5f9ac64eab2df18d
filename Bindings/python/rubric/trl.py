"""Rubric rewards for TRL's GRPOTrainer (and RLOOTrainer), which calls each reward function as

    reward_func(prompts=prompts, completions=completions, completion_ids=completion_ids,
                trainer_state=..., log_extra=..., log_metric=..., **dataset_columns)

with one entry per completion (num_generations consecutive completions per prompt) and
expects a list of floats, None for a sample the function skips. Completions and prompts are
strings, or in the conversational format lists of {"role", "content"} messages: a string input
of the rubric then reads the last assistant message (the last message for prompts).

    from rubric.trl import reward_funcs, reward_weights
    funcs = reward_funcs("Examples/r1_math.rubric")          # reward, then one per score
    trainer = GRPOTrainer(..., reward_funcs=funcs,
                          args=GRPOConfig(..., reward_weights=reward_weights(funcs)))

Samples hold the fields the rubric reads: `prompt`, `completion`, `completion_ids`,
`completion_tokens` (the length of completion_ids) and any dataset column, by name or as
`mapping` says ({"answer": "solution"}).
"""

import json

from rubric._adapter import build_samples, needed_fields, resolve, reward_value


class _SharedBatch:
    """Evaluates each batch once for a family of reward functions: TRL calls every function
    with the same lists, so the second and later calls reuse the records."""

    def __init__(self, rubric, mapping, group_by, num_generations, jobs):
        self.rubric = rubric
        self.mapping = mapping
        self.group_by = group_by
        self.num_generations = num_generations
        self.jobs = jobs
        self.fields = needed_fields(rubric, mapping, group_by)
        self.last = None

    def records(self, prompts, completions, completion_ids, columns, fresh):
        """The records of this batch: evaluated now when `fresh` (the reward function, which
        TRL calls first), else taken from the previous call when it had the same lists."""
        if not fresh and self.last is not None:
            seen_prompts, seen_completions, records = self.last
            if seen_prompts is prompts and seen_completions is completions:
                return records
        records = self.evaluate(prompts, completions, completion_ids, columns)
        self.last = (prompts, completions, records)
        return records

    def evaluate(self, prompts, completions, completion_ids, columns):
        """Builds the samples from TRL's arguments and scores them."""
        count = len(completions)
        sources = {key: value for key, value in columns.items() if isinstance(value, (list, tuple))}
        sources["completion"] = completions
        if prompts is not None:
            sources["prompt"] = prompts
        if completion_ids is not None:
            sources["completion_ids"] = completion_ids
            sources["completion_tokens"] = lambda index: len(completion_ids[index])
        samples = build_samples(count, self.fields, sources)
        return self.rubric.evaluate(samples, mapping=self.mapping, group_by=self.group_by,
                                    groups=self.groups(prompts, count), jobs=self.jobs)

    def groups(self, prompts, count):
        """Group ids for a rubric that reads group(e) without a key of its own: blocks of
        `num_generations`, else runs of equal consecutive prompts (as TRL repeats each prompt
        for its generations)."""
        info = self.rubric.info
        if not info["uses_groups"] or info["group_key"] is not None or self.group_by is not None:
            return None
        if self.num_generations:
            return [index // self.num_generations for index in range(count)]
        if prompts is None:
            return None
        ids, previous = [], object()
        for prompt in prompts:
            key = json.dumps(prompt, sort_keys=True, default=str)
            ids.append(ids[-1] if ids and key == previous else (ids[-1] + 1 if ids else 0))
            previous = key
        return ids


def _name(rubric, name):
    """The base name of the reward functions: given, the rubric's declared name, or its file."""
    if name:
        return name
    declared = rubric.info.get("name")
    if declared:
        return declared
    base = rubric.info.get("file") or "rubric"
    return base.rsplit("/", 1)[-1].rsplit(".", 1)[0] or "rubric"


def _function(batch, score, name, logs):
    """One reward function over `batch`, returning the reward or the score named `score`."""

    def reward(prompts=None, completions=None, completion_ids=None, **columns):
        if completions is None:
            raise TypeError(f"{name}() needs completions")
        records = batch.records(prompts, completions, completion_ids, columns, fresh=score is None)
        if logs and callable(columns.get("log_metric")):
            _log(columns["log_metric"], records, batch.rubric.score_names)
        return [reward_value(record, score) for record in records]

    reward.__name__ = name
    reward.__qualname__ = name
    return reward


def _log(log_metric, records, score_names):
    """Logs the mean of each score and the share of failed samples through TRL's log_metric."""
    for score in score_names:
        values = [record["scores"][score] for record in records if record["scores"].get(score) is not None]
        if values:
            log_metric(f"rubric/{score}", sum(values) / len(values))
    if records:
        log_metric("rubric/error_rate", sum(record["error"] is not None for record in records) / len(records))


def reward_func(rubric, score=None, mapping=None, group_by=None, num_generations=None, name=None,
                jobs=None, log_metrics=True):
    """A TRL reward function for `rubric` (a Rubric or a .rubric path) returning its reward,
    or the score named `score`. Its __name__ (which TRL logs the reward under) is `name`, else
    the rubric's declared name, followed by `_<score>` for a score.

    `mapping` reads inputs from other columns; `group_by` names the column whose values group
    the completions (for rubrics that read group(e) and declare no key; without it, blocks of
    `num_generations`, else runs of equal prompts); `jobs` threads per batch; with
    `log_metrics`, each score's batch mean and the error rate go to TRL's log_metric."""
    compiled = resolve(rubric)
    if score is not None and score not in compiled.score_names:
        raise ValueError(f"the rubric has no score {score!r} (scores: {', '.join(compiled.score_names)})")
    batch = _SharedBatch(compiled, mapping, group_by, num_generations, jobs)
    base = _name(compiled, name)
    return _function(batch, score, base if score is None else f"{base}_{score}", log_metrics and score is None)


def reward_funcs(rubric, scores="all", mapping=None, group_by=None, num_generations=None, name=None, jobs=None,
                 log_metrics=False):
    """The reward function of `rubric`, then one per score in `scores` ("all", or a list of
    names), so TRL logs every component. They evaluate each batch once between them. Give
    TRL `reward_weights(funcs)` (1 for the reward, 0 for the components) so that only the
    rubric's reward trains the policy."""
    compiled = resolve(rubric)
    names = compiled.score_names if scores == "all" else list(scores or [])
    for score in names:
        if score not in compiled.score_names:
            raise ValueError(f"the rubric has no score {score!r} (scores: {', '.join(compiled.score_names)})")
    batch = _SharedBatch(compiled, mapping, group_by, num_generations, jobs)
    base = _name(compiled, name)
    return [_function(batch, None, base, log_metrics)] + [_function(batch, score, f"{base}_{score}", False)
                                                          for score in names]


def reward_weights(funcs):
    """GRPOConfig.reward_weights for `reward_funcs(...)`: 1.0 for the reward, 0.0 for each score."""
    return [1.0] + [0.0] * (len(funcs) - 1)

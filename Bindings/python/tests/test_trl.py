"""The TRL adapter, called exactly as GRPOTrainer._calculate_rewards calls a reward function:

    reward_func(prompts=prompts, completions=completions, completion_ids=completion_ids_list,
                trainer_state=self.state, log_extra=..., log_metric=..., **dataset_columns)

with num_generations consecutive completions per prompt, and None meaning "skipped"."""

import math

import pytest
from conftest import example_data, example_path

from rubric import Rubric
from rubric.trl import reward_func, reward_funcs, reward_weights


class TrainerState:
    """Stands in for transformers' TrainerState, which TRL passes and rubrics never read."""
    global_step = 3


class Logs:
    """TRL's log_extra and log_metric callables."""

    def __init__(self):
        self.metrics = {}
        self.extra = {}

    def log_metric(self, name, value):
        self.metrics.setdefault(name, []).append(value)

    def log_extra(self, column, values):
        self.extra.setdefault(column, []).extend(values)


def trl_call(function, prompts, completions, completion_ids=None, **columns):
    """Calls `function` with the keyword arguments TRL passes."""
    logs = Logs()
    result = function(prompts=prompts, completions=completions, completion_ids=completion_ids,
                      trainer_state=TrainerState(), log_extra=logs.log_extra, log_metric=logs.log_metric, **columns)
    return result, logs


def r1_batch(conversational):
    """Two prompts with two generations each, from the R1 example data, in TRL's shapes."""
    rows = example_data("r1_math")
    completions = [row["completion"] for row in rows]
    prompts = ["What is 2+2?", "What is 2+2?", "Half of one?", "Half of one?"]
    if conversational:
        completions = [[{"role": "assistant", "content": text}] for text in completions]
        prompts = [[{"role": "system", "content": "Think first."}, {"role": "user", "content": text}] for text in prompts]
    return rows, prompts, completions


@pytest.mark.parametrize("conversational", [False, True])
def test_rewards_match_direct_evaluation(conversational):
    rows, prompts, completions = r1_batch(conversational)
    rubric = Rubric.from_file(example_path("r1_math"))
    function = reward_func(rubric)
    ids = [[0] * row["usage"]["completion_tokens"] for row in rows]
    rewards, logs = trl_call(function, prompts, completions, ids, answer=[row["answer"] for row in rows],
                             usage=[row["usage"] for row in rows])
    expected = [record["reward"] for record in rubric.evaluate(rows)]
    assert rewards == expected
    assert all(isinstance(value, float) for value in rewards)
    assert function.__name__ == "r1_math"
    assert logs.metrics["rubric/correct"] == [pytest.approx(0.75)]
    assert logs.metrics["rubric/error_rate"] == [0.0]


def test_completion_tokens_come_from_completion_ids():
    rubric = Rubric("input completion: string\ninput completion_tokens: int\nreward = completion_tokens\n")
    rewards, _ = trl_call(rubric.trl_reward(), ["p", "p"], ["a", "b"], [[1, 2, 3], [4]])
    assert rewards == [3.0, 1.0]


def test_one_function_per_score_shares_one_evaluation():
    rows, prompts, completions = r1_batch(False)
    rubric = Rubric.from_file(example_path("r1_math"))
    calls = []
    evaluate = rubric.evaluate
    rubric.evaluate = lambda *args, **kwargs: calls.append(1) or evaluate(*args, **kwargs)
    functions = reward_funcs(rubric, mapping={"answer": "solution"})
    assert [f.__name__ for f in functions] == ["r1_math", "r1_math_format", "r1_math_tags", "r1_math_correct",
                                               "r1_math_overlong"]
    assert reward_weights(functions) == [1.0, 0.0, 0.0, 0.0, 0.0]
    columns = {"solution": [row["answer"] for row in rows]}
    outputs = [trl_call(function, prompts, completions, **columns)[0] for function in functions]
    assert len(calls) == 1
    records = evaluate(rows)
    assert outputs[3] == [record["scores"]["correct"] for record in records]
    assert outputs[1] == [record["scores"]["format"] for record in records]


def test_skips_and_errors_become_none_or_the_fallback():
    skipping = Rubric("input completion: string\ninput answer: string\nreward = if answer == \"\" then skip else 1.0\n")
    rewards, _ = trl_call(skipping.trl_reward(), ["p", "p", "p"], ["a", "b", "c"], answer=["", "x", None])
    assert rewards == [None, 1.0, None]  # the third has no answer: an error, and no fallback
    falling = Rubric("input n: int\nfallback = -1\nreward = 10 // n\n")
    rewards, logs = trl_call(falling.trl_reward(), ["p", "p"], ["a", "b"], n=[0, 5])
    assert rewards == [-1.0, 2.0]
    assert logs.metrics["rubric/error_rate"] == [0.5]


def test_groups_are_the_generations_of_one_prompt():
    grouped = Rubric("input completion: string\nscore correct = completion == \"right\"\n"
                     "reward = zscore(correct, group(correct))\n")
    prompts = ["a", "a", "b", "b"]
    completions = ["right", "wrong", "right", "right"]
    by_prompt, _ = trl_call(grouped.trl_reward(), prompts, completions)
    assert by_prompt[2] == by_prompt[3] == 0.0
    assert by_prompt[0] > 0 > by_prompt[1]
    by_count, _ = trl_call(reward_func(grouped, num_generations=2), ["x"] * 4, completions)
    assert by_count == by_prompt
    by_column, _ = trl_call(reward_func(grouped, group_by="problem_id"), ["x"] * 4, completions,
                            problem_id=[7, 7, 9, 9])
    assert by_column == by_prompt
    whole, _ = trl_call(grouped.trl_reward(), ["x"] * 4, completions)
    assert whole != by_prompt


def test_a_path_and_bad_scores():
    function = reward_func(example_path("r1_math"), score="correct")
    assert function.__name__ == "r1_math_correct"
    rewards, _ = trl_call(function, ["p"], [[{"role": "assistant", "content": "\\boxed{4}"}]], answer=["4"])
    assert rewards == [1.0]
    with pytest.raises(ValueError):
        reward_func(example_path("r1_math"), score="speed")
    assert not math.isnan(rewards[0])

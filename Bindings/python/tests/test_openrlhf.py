"""The OpenRLHF adapter, called as OpenRLHF calls the reward_func of a --remote_rm_url file:
positionally, with queries (prompt + response), prompts and labels."""

import importlib.util
import math
import os

from conftest import PACKAGE_ROOT, example_data, example_path

from rubric import Rubric
from rubric.openrlhf import make_reward_func


def test_rewards_scores_and_logs_match_direct_evaluation():
    rubric = Rubric.from_file(example_path("r1_math"))
    rows = example_data("r1_math")
    prompts = [f"<|user|>Question {index}<|assistant|>" for index in range(len(rows))]
    queries = [prompt + row["completion"] for prompt, row in zip(prompts, rows)]
    labels = [row["answer"] for row in rows]
    result = make_reward_func(rubric, filter_score="correct")(queries, prompts, labels)
    expected = rubric.evaluate([{"completion": row["completion"], "answer": row["answer"]} for row in rows])
    as_list = (lambda values: values.tolist()) if hasattr(result["rewards"], "tolist") else list
    assert as_list(result["rewards"]) == [record["reward"] for record in expected]
    assert as_list(result["scores"]) == [record["scores"]["correct"] for record in expected]
    assert as_list(result["extra_logs"]["format"]) == [record["scores"]["format"] for record in expected]
    assert as_list(result["extra_logs"]["rubric_error"]) == [0.0] * len(rows)


def test_one_sample_at_a_time_with_failures():
    rubric = Rubric("input completion: string\ninput label: int\nscore ok = len(completion) > label\nreward = ok\n")
    reward_func = make_reward_func(rubric, skip_value=-1.0)
    result = reward_func(["P: long answer"], ["P: "], ["not a number"])
    assert list(result["rewards"]) == [-1.0]
    assert math.isnan(list(result["extra_logs"]["ok"])[0])
    assert list(result["extra_logs"]["rubric_error"]) == [1.0]


def test_the_module_file_loads_as_openrlhf_loads_it(monkeypatch):
    spec = importlib.util.spec_from_file_location("reward_func", os.path.join(PACKAGE_ROOT, "rubric", "openrlhf.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setenv("RUBRIC_PATH", example_path("r1_math"))
    row = example_data("r1_math")[0]
    result = module.reward_func(["Q" + row["completion"]], ["Q"], [row["answer"]])
    assert list(result["rewards"]) == [1.0]

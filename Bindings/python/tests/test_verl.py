"""The verl adapter, called as verl's reward managers call compute_score: per sample with
keyword arguments (naive manager), and per batch with plural names (batch manager)."""

import importlib.util
import math
import os

from conftest import PACKAGE_ROOT, example_data, example_path

from rubric import Rubric
from rubric.verl import make_compute_score, make_compute_score_batch


def test_per_sample_calls_match_direct_evaluation():
    rubric = Rubric.from_file(example_path("r1_math"))
    compute_score = make_compute_score(rubric)
    for row, record in zip(example_data("r1_math"), rubric.evaluate(example_data("r1_math"))):
        result = compute_score(data_source="openai/gsm8k", solution_str=row["completion"], ground_truth=row["answer"],
                               extra_info={"usage": row["usage"], "index": 3, "split": "train"})
        assert result == {"score": record["reward"], **record["scores"]}


def test_batch_calls_and_failures():
    rubric = Rubric("input completion: string\ninput answer: string\ninput bonus: float\n"
                    "score right = completion == answer\nreward = right + bonus\n")
    compute = make_compute_score_batch(rubric)
    results = compute(data_sources=["a", "a"], solution_strs=["4", "5"], ground_truths=["4", "4"],
                      extra_infos=[{"bonus": 0.5}, None])
    assert results[0] == {"score": 1.5, "right": 1.0}
    assert results[1]["score"] == 0.0 and math.isnan(results[1]["right"])  # no bonus: E1001, skip value


def test_the_module_file_loads_as_verl_loads_it(monkeypatch):
    """verl imports the file by path as "custom_module" and merges reward_kwargs into every call."""
    spec = importlib.util.spec_from_file_location("custom_module", os.path.join(PACKAGE_ROOT, "rubric", "verl.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    row = example_data("r1_math")[0]
    result = module.compute_score(data_source="x", solution_str=row["completion"], ground_truth=row["answer"],
                                  extra_info=None, rubric_path=example_path("r1_math"))
    assert result["score"] == 1.0 and result["correct"] == 1.0
    monkeypatch.setenv("RUBRIC_PATH", example_path("r1_math"))
    batch = module.compute_score_batch(data_sources=["x"], solution_strs=["no"], ground_truths=["4"], extra_infos=[{}])
    assert batch[0]["score"] == 0.0

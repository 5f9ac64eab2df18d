"""The Rubric class over the shared library: compile, evaluate, check, errors, limits."""

import pickle
import threading

import pytest
from conftest import EXAMPLES, example_data, example_path

import rubric
from rubric import Rubric, RubricError


@pytest.mark.parametrize("name", ["r1_math", "kimi_length", "ttrl_vote", "lare_latent", "prm_clip_delta", "co_reward"])
def test_examples_score_their_expected_records(name):
    """Each example's data, scored as one batch, gives its expected records (as the Swift
    test suite checks through the Swift API)."""
    records = Rubric.from_file(example_path(name)).evaluate(example_data(name))
    assert records == example_data(name, ".expected")


def test_jsonl_bytes_and_a_list_of_dicts_give_the_same_records(r1):
    with open(f"{EXAMPLES}/data/r1_math.jsonl", "rb") as handle:
        data = handle.read()
    assert r1.evaluate_jsonl(data) == r1.evaluate(example_data("r1_math"))
    broken = r1.evaluate_jsonl(b'{"completion": "x", "answer": "1"}\n{oops\n')
    assert broken[0]["error"] is None
    assert broken[1]["error"]["code"] == "E1003" and "input line 2" in broken[1]["error"]["message"]


def test_compile_errors_raise_with_code_and_position():
    with pytest.raises(RubricError) as caught:
        Rubric("input answer: string\nreward = anwser\n", name="typo.rubric")
    error = caught.value
    assert (error.code, error.line, error.column, error.status) == ("E0201", 2, 10, "compile_error")
    assert "typo.rubric:2:10" in str(error)
    assert error.diagnostics[0]["message"] == "unknown name 'anwser'"


def test_check_lists_diagnostics_without_raising(r1):
    assert r1.check() == []
    diagnostics = rubric.check("reward = (1")
    assert [d["code"] for d in diagnostics] == ["E0105"]
    assert rubric.check("reward = 1\n") == []


def test_failed_samples_keep_their_place_and_error(r1):
    records = r1.evaluate([{"completion": "x"}, {"completion": "\\boxed{4}", "answer": "4"}, {"completion": 3, "answer": "4"}])
    assert [r["error"] and r["error"]["code"] for r in records] == ["E1001", None, "E1002"]
    assert records[0]["reward"] is None and records[0]["error"]["line"] == 6  # where `answer` is declared


def test_mapping_and_groups_reach_the_evaluator():
    grouped = Rubric("input value: float\nlet members = group(value)\nreward = value - sum(members) / len(members)\n")
    samples = [{"v": 1, "p": "a"}, {"v": 3, "p": "b"}, {"v": 3, "p": "a"}, {"v": 5, "p": "b"}]
    by_key = grouped.evaluate(samples, mapping={"value": "v"}, group_by="p", jobs=2)
    assert [r["reward"] for r in by_key] == [-1.0, -1.0, 1.0, 1.0]
    by_ids = grouped.evaluate(samples, mapping={"value": "v"}, groups=[0, 0, 1, 1])
    assert [r["reward"] for r in by_ids] == [-1.0, 1.0, -1.0, 1.0]
    with pytest.raises(RubricError) as caught:
        grouped.evaluate(samples, mapping={"valeu": "v"})
    assert caught.value.status == "invalid_option"


def test_limits_read_and_change():
    heavy = Rubric("input n: int\nscore total = sum([x * y for x in range(n) for y in range(n)])\nreward = total\n",
                   limits={"fuel": 5000})
    assert heavy.limits["fuel"] == 5000
    assert heavy.evaluate([{"n": 100}])[0]["error"]["code"] == "E1201"
    heavy.limits = {"fuel": 10**8}
    assert heavy.evaluate([{"n": 100}])[0]["reward"] == 24502500.0
    with pytest.raises(RubricError) as caught:
        heavy.limits = {"fuel": 0}
    assert caught.value.status == "invalid_option"
    with pytest.raises(RubricError):
        Rubric("reward = 1", limits={"fule": 3})


def test_trainer_values_encode(r1):
    """NaN, tuples and objects with tolist() (numpy arrays, tensors) become JSON."""

    class Array:
        def __init__(self, values):
            self.values = values

        def tolist(self):
            return list(self.values)

    scored = Rubric("input xs: list[float]\ninput y: float? = null\nreward = sum(xs) + (y ?? 0.0)\n")
    records = scored.evaluate([{"xs": Array([1.0, 2.0]), "y": float("nan")}, {"xs": (1.5,)}])
    assert [r["reward"] for r in records] == [3.0, 1.5]


def test_a_rubric_pickles_by_source(r1):
    copy = pickle.loads(pickle.dumps(r1))
    samples = example_data("r1_math")
    assert copy.evaluate(samples) == r1.evaluate(samples)


def test_threads_share_one_rubric(r1):
    samples = example_data("r1_math") * 50
    expected = r1.evaluate(samples)
    results = [None] * 8

    def work(index):
        results[index] = r1.evaluate(samples, jobs=1 + index % 2)

    threads = [threading.Thread(target=work, args=(index,)) for index in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(result == expected for result in results)

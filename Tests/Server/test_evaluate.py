"""The native batch endpoint, POST /v1/evaluate: records exactly as `rubric eval` writes them."""

import glob
import json
import os
import time

import pytest
import requests

from conftest import EXAMPLES, eval_records
from samples import r1_samples

R1 = os.path.join(EXAMPLES, "r1_math.rubric")
EXAMPLE_RUBRICS = sorted(glob.glob(os.path.join(EXAMPLES, "*.rubric")))


def evaluate(server, payload):
    return requests.post(server.url + "/v1/evaluate", json=payload, timeout=60)


def test_records_match_rubric_eval(serve):
    server = serve(R1)
    samples = r1_samples(40, seed=21)
    samples[3] = {"answer": "4"}  # a failing sample keeps its place and gets its record
    response = evaluate(server, {"samples": samples})
    assert response.status_code == 200
    records = response.json()["records"]
    assert records == eval_records(R1, samples)
    assert records[3]["error"]["code"] == "E1001"
    assert records[3]["reward"] is None


@pytest.mark.parametrize("rubric", EXAMPLE_RUBRICS, ids=lambda path: os.path.basename(path))
def test_every_example_as_one_batch(serve, rubric):
    """Every example's data scored as one request gives its expected records: scores,
    steps, latent vectors, groups (the rubric's own key or the whole batch) and errors."""
    name = os.path.splitext(os.path.basename(rubric))[0]
    with open(os.path.join(EXAMPLES, "data", name + ".jsonl")) as handle:
        samples = [json.loads(line) for line in handle if line.strip()]
    with open(os.path.join(EXAMPLES, "data", name + ".expected.jsonl")) as handle:
        expected = [json.loads(line) for line in handle if line.strip()]
    server = serve(rubric, "--jobs", "2")
    assert evaluate(server, {"samples": samples}).json()["records"] == expected


def test_group_by_and_host_groups(serve, rubric_file):
    grpo = rubric_file('rubric grpo "group z-score"\n\ninput completion: string\ninput answer: string\n\n'
                       'score correct = float(completion == answer)\nreward = zscore(correct, group(correct))\n')
    server = serve(grpo)
    samples = [{"id": "a", "completion": "1", "answer": "1"}, {"id": "b", "completion": "1", "answer": "1"},
               {"id": "a", "completion": "2", "answer": "1"}, {"id": "b", "completion": "1", "answer": "1"}]
    by_key = evaluate(server, {"samples": samples, "group_by": "id"}).json()["records"]
    by_ids = evaluate(server, {"samples": samples, "groups": [7, 9, 7, 9]}).json()["records"]
    assert by_key == by_ids
    expected_a = eval_records(grpo, [samples[0], samples[2]])
    expected_b = eval_records(grpo, [samples[1], samples[3]])
    assert [by_key[0], by_key[2]] == expected_a
    assert [by_key[1], by_key[3]] == expected_b
    # Without a key the request is one group.
    assert evaluate(server, {"samples": samples}).json()["records"] == eval_records(grpo, samples)


def test_request_deadline_gives_error_records_in_time(serve, rubric_file):
    slow = rubric_file('rubric slow "busy work"\n\ninput size: int\n\nlet xs = range(size)\n'
                       'score n = len([1 for x in xs for y in xs if x < 0])\nreward = n\n')
    server = serve(slow, "--jobs", "1", "--deadline-ms", "0", "--fuel", "1000000000000",
                   "--request-timeout-ms", "300")
    start = time.monotonic()
    records = evaluate(server, {"samples": [{"size": 20000}] * 6 + [{"size": 1}]}).json()["records"]
    elapsed = time.monotonic() - start
    assert elapsed < 5, elapsed
    assert [record["error"]["code"] for record in records] == ["S1201"] * 7
    assert "request deadline exceeded" in records[0]["error"]["message"]
    # A quick request on the same server is unaffected.
    records = evaluate(server, {"samples": [{"size": 3}]}).json()["records"]
    assert records == [{"reward": 0.0, "scores": {"n": 0.0}, "error": None}]


def test_health(serve):
    server = serve(R1, "--jobs", "3", "--queue", "17")
    body = requests.get(server.url + "/health", timeout=10).json()
    assert body["status"] == "ok"
    assert body["rubric"] == "r1_math"
    assert body["inputs"] == ["completion", "answer", "tokens"]
    assert body["scores"] == ["format", "tags", "correct", "overlong"]
    assert body["workers"] == 3
    assert body["queue"] == 17

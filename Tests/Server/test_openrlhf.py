"""OpenRLHF's remote reward protocol: POST /get_reward with {"query", "prompts", "labels"},
answered with {"rewards", "scores", "extra_logs"}, checked against `rubric eval`."""

import asyncio
import json
import os

import pytest
import requests

from conftest import EXAMPLES, eval_records
from samples import openrlhf_payload, r1_samples

R1 = os.path.join(EXAMPLES, "r1_math.rubric")
SCORES = ["format", "tags", "correct", "overlong"]


def post(server, payload, path="/get_reward"):
    return requests.post(server.url + path, json=payload, timeout=60)


def test_rewards_match_rubric_eval(serve):
    server = serve(R1)
    samples = r1_samples(64)
    response = post(server, openrlhf_payload(samples))
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    expected = eval_records(R1, [{"completion": s["completion"], "answer": s["answer"]} for s in samples])
    assert body["rewards"] == [record["reward"] for record in expected]
    assert body["scores"] == body["rewards"]
    assert list(body["extra_logs"]) == SCORES + ["rubric_skipped", "rubric_failed"]
    for name in SCORES:
        assert body["extra_logs"][name] == [record["scores"][name] for record in expected]
    assert body["extra_logs"]["rubric_failed"] == [0.0] * 64
    # The generator makes right and wrong, well and badly formed answers: the rewards differ.
    assert len(set(body["rewards"])) >= 3


def test_openrlhf_client_code_paths(serve):
    """The two ways OpenRLHF calls a remote reward server: requests.post of a whole batch
    (request_api_wrapper, reading "rewards"), and aiohttp posts of one query each (the agent
    executors, reading rewards/scores/extra_logs and taking element 0 of each list)."""
    aiohttp = pytest.importorskip("aiohttp")
    server = serve(R1)
    samples = r1_samples(16, seed=3)
    payload = openrlhf_payload(samples)
    # request_api_wrapper: requests.post(url, json=data, headers=...), raise_for_status, .json()[score_key]
    response = requests.post(url=server.url + "/get_reward", json=payload,
                             headers={"Content-Type": "application/json"}, timeout=180)
    response.raise_for_status()
    batch_rewards = response.json().get("rewards")
    assert len(batch_rewards) == 16

    async def one(session, index):
        data = {"query": payload["query"][index:index + 1], "prompts": payload["prompts"][index:index + 1],
                "labels": payload["labels"][index:index + 1]}
        async with session.post(server.url + "/get_reward", json=data) as reply:
            reply.raise_for_status()
            info = await reply.json()
        reward = info.get("rewards")[0]
        score = (info.get("scores") or info.get("rewards"))[0]
        extra = {key: value[0] for key, value in (info.get("extra_logs") or {}).items()}
        return reward, score, extra

    async def all_single():
        timeout = aiohttp.ClientTimeout(total=180)
        async with aiohttp.ClientSession(timeout=timeout) as session:
            return await asyncio.gather(*(one(session, index) for index in range(16)))

    singles = asyncio.run(all_single())
    assert [reward for reward, _, _ in singles] == batch_rewards
    assert all(extra["rubric_failed"] == 0.0 for _, _, extra in singles)


def test_completion_is_the_query_after_its_prompt(serve, rubric_file):
    echo = rubric_file('rubric echo "length of the completion"\n\ninput completion: string\n\n'
                       'reward = len(completion)\n')
    server = serve(echo)
    payload = {"query": ["PROMPT:abc", "<s>PROMPT:abcd", "no prompt here", "PROMPT:"],
               "prompts": ["PROMPT:", "PROMPT:", "PROMPT:", "PROMPT:"]}
    # Prefix removed; a leading BOS before the prompt is skipped too; a query without the
    # prompt is the completion whole; a query that is only the prompt leaves nothing.
    assert post(server, payload).json()["rewards"] == [3.0, 4.0, 14.0, 0.0]
    # Without prompts (older OpenRLHF sends only "query") the completion is the whole query.
    assert post(server, {"query": ["abc", ""]}).json()["rewards"] == [3.0, 0.0]


def test_strip_removes_end_of_sequence_tokens(serve):
    samples = r1_samples(8, seed=5)
    plain = post(serve(R1), openrlhf_payload(samples, eos="<|im_end|>")).json()
    stripped = post(serve(R1, "--strip", "<|im_end|>", "--strip", "<|endoftext|>"),
                    openrlhf_payload(samples, eos="<|im_end|><|endoftext|><|endoftext|>")).json()
    expected = eval_records(R1, [{"completion": s["completion"], "answer": s["answer"]} for s in samples])
    # r1_format requires the completion to end with </answer>: a trailing EOS token breaks it.
    assert stripped["extra_logs"]["format"] == [record["scores"]["format"] for record in expected]
    assert plain["extra_logs"]["format"] == [0.0] * 8
    assert 1.0 in stripped["extra_logs"]["format"]


def test_failed_and_skipped_samples_get_the_null_reward(serve, rubric_file):
    skipping = rubric_file('rubric skipping "skips empty answers"\n\ninput completion: string\n'
                           'input answer: string\n\n'
                           'reward = if answer == "" then skip else float(completion == answer)\n')
    server = serve(skipping, "--null-reward", "-1")
    body = post(server, {"query": ["P4", "P5", "P4"], "prompts": ["P", "P", "P"],
                         "labels": ["4", "4", ""]}).json()
    assert body["rewards"] == [1.0, 0.0, -1.0]
    assert body["extra_logs"]["rubric_skipped"] == [0.0, 0.0, 1.0]
    # No labels: the required `answer` input is missing, a per-sample error (E1001).
    body = post(server, {"query": ["P4"], "prompts": ["P"]}).json()
    assert body["rewards"] == [-1.0]
    assert body["extra_logs"]["rubric_failed"] == [1.0]
    # The native endpoint shows why.
    record = post(server, {"samples": [{"completion": "4"}]}, "/v1/evaluate").json()["records"][0]
    assert record["error"]["code"] == "E1001"


def test_map_reads_structured_labels_and_metas(serve, rubric_file):
    mapped = rubric_file('rubric mapped "answer and weight from the trainer"\n\ninput completion: string\n'
                         'input answer: string\ninput weight: float\n\n'
                         'reward = weight * float(completion == answer)\n')
    server = serve(mapped, "--map", "answer=label.gold", "--map", "weight=meta.weight")
    body = post(server, {"query": ["Q:7", "Q:8"], "prompts": ["Q:", "Q:"],
                         "labels": [{"gold": "7"}, {"gold": "7"}],
                         "metas": [{"weight": 0.5}, {"weight": 2.0}]}).json()
    assert body["rewards"] == [0.5, 0.0]


def test_openrlhf_score_chooses_the_scores_list(serve):
    server = serve(R1, "--openrlhf-score", "correct")
    samples = r1_samples(16, seed=11)
    body = post(server, openrlhf_payload(samples)).json()
    assert body["scores"] == body["extra_logs"]["correct"]
    assert body["scores"] != body["rewards"]


def test_groups_default_to_the_prompt(serve, rubric_file):
    grpo = rubric_file('rubric grpo "group z-score of correctness"\n\ninput completion: string\n'
                       'input answer: string\n\nscore correct = float(completion == answer)\n'
                       'reward = zscore(correct, group(correct))\n')
    server = serve(grpo)
    # Two prompts, interleaved: each sample is normalised within its own prompt's group.
    payload = {"query": ["A:1", "B:1", "A:2", "B:1", "A:1", "B:2"],
               "prompts": ["A:", "B:", "A:", "B:", "A:", "B:"],
               "labels": ["1", "1", "1", "1", "1", "1"]}
    body = post(server, payload).json()
    samples = [{"prompt": p, "completion": q[len(p):], "answer": a}
               for q, p, a in zip(payload["query"], payload["prompts"], payload["labels"])]
    by_prompt = {}
    for sample in samples:
        by_prompt.setdefault(sample["prompt"], []).append(sample)
    expected = {}
    for prompt, group in by_prompt.items():
        for sample, record in zip(group, eval_records(grpo, group)):
            expected[id(sample)] = record["reward"]
    assert body["rewards"] == [expected[id(sample)] for sample in samples]
    assert body["rewards"][0] > 0 > body["rewards"][2]

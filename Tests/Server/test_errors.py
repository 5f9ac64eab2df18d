"""Malformed requests get a 4xx with {"error": {"code", "message"}} and never hurt the server."""

import json
import os
import socket
import threading
import time
from urllib.parse import urlparse

import pytest
import requests

from conftest import EXAMPLES

R1 = os.path.join(EXAMPLES, "r1_math.rubric")


def raw_post(server, path, data, headers=None):
    return requests.post(server.url + path, data=data, headers=headers or {"Content-Type": "application/json"},
                         timeout=30)


def assert_error(response, status, code, fragment=""):
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    error = response.json()["error"]
    assert error["code"] == code, error
    assert fragment in error["message"], error
    return error


MALFORMED = [
    # (path, body bytes, status, code, part of the message)
    ("/get_reward", b"{not json", 400, "S4000", "not valid JSON"),
    ("/get_reward", b"", 400, "S4000", "not valid JSON"),
    ("/get_reward", b'{"query": ["a"]} trailing', 400, "S4000", "not valid JSON"),
    ("/get_reward", b'{"query": ["\xff\xfe"]}', 400, "S4001", "UTF-8"),
    ("/get_reward", b'{"query": ["\xed\xa0\x80"]}', 400, "S4001", "UTF-8"),  # an encoded surrogate
    ("/get_reward", b"[1, 2]", 400, "S4002", "JSON object"),
    ("/get_reward", b"{}", 400, "S4002", "'query' is required"),
    ("/get_reward", b'{"query": "one string"}', 400, "S4002", "must be a list"),
    ("/get_reward", b'{"query": ["a", 3]}', 400, "S4002", "query[1] must be a string"),
    ("/get_reward", b'{"query": ["a"], "prompts": [null]}', 400, "S4002", "prompts[0] must be a string"),
    ("/get_reward", b'{"query": ["a"], "prompts": "a"}', 400, "S4002", "'prompts' must be a list"),
    ("/get_reward", b'{"query": ["a", "b"], "prompts": ["a"]}', 400, "S4003", "'prompts' has 1 elements"),
    ("/get_reward", b'{"query": ["a"], "labels": ["1", "2"]}', 400, "S4003", "'labels' has 2 elements"),
    ("/get_reward", b'{"query": ["a"], "metas": []}', 400, "S4003", "'metas' has 0 elements"),
    ("/get_reward", b"[" * 100000 + b"]" * 100000, 400, "S4000", "deep"),
    ("/v1/evaluate", b'{"samples": {"a": 1}}', 400, "S4002", "'samples' must be a list"),
    ("/v1/evaluate", b'{"sample": []}', 400, "S4002", "'samples' is required"),
    ("/v1/evaluate", b'{"samples": [], "group_by": 3}', 400, "S4002", "'group_by'"),
    ("/v1/evaluate", b'{"samples": [{}], "groups": [1, 2]}', 400, "S4003", "'groups' has 2"),
    ("/v1/evaluate", b'{"samples": [{}], "groups": [1], "group_by": "k"}', 400, "S4002", "not both"),
    ("/v1/evaluate", b"\"text\"", 400, "S4002", "not string"),
]


def test_malformed_bodies(serve):
    server = serve(R1)
    for path, body, status, code, fragment in MALFORMED:
        assert_error(raw_post(server, path, body), status, code, fragment)
    # The server is still healthy and still scores.
    assert requests.get(server.url + "/health", timeout=10).json()["status"] == "ok"
    ok = raw_post(server, "/get_reward", b'{"query": ["x"], "labels": ["1"]}')
    assert ok.status_code == 200 and len(ok.json()["rewards"]) == 1


def test_empty_batches(serve):
    server = serve(R1)
    assert raw_post(server, "/get_reward", b'{"query": []}').json() == {
        "rewards": [], "scores": [], "extra_logs": {"format": [], "tags": [], "correct": [], "overlong": [],
                                                    "rubric_skipped": [], "rubric_failed": []}}
    assert raw_post(server, "/v1/evaluate", b'{"samples": []}').json() == {"records": []}


def test_a_sample_that_is_not_an_object_gets_its_own_error_record(serve):
    server = serve(R1)
    records = raw_post(server, "/v1/evaluate", b'{"samples": [3, {"completion": "x", "answer": "1"}]}').json()["records"]
    assert records[0]["error"]["code"] == "E1003"
    assert records[1]["error"] is None


def test_routes(serve):
    server = serve(R1)
    assert_error(requests.get(server.url + "/nope", timeout=10), 404, "S4040", "POST /get_reward")
    response = requests.get(server.url + "/get_reward", timeout=10)
    assert_error(response, 405, "S4050", "takes POST")
    assert response.headers["allow"] == "POST"
    assert_error(requests.post(server.url + "/health", timeout=10), 405, "S4050", "takes GET")


def test_sample_count_limit(serve):
    server = serve(R1, "--max-samples", "4")
    assert_error(raw_post(server, "/get_reward", json.dumps({"query": ["a"] * 5}).encode()),
                 400, "S4004", "at most 4")
    assert_error(raw_post(server, "/v1/evaluate", json.dumps({"samples": [{}] * 5}).encode()),
                 400, "S4004", "at most 4")
    assert raw_post(server, "/get_reward", json.dumps({"query": ["a"] * 4}).encode()).status_code == 200


def test_body_size_limit(serve):
    server = serve(R1, "--max-body-bytes", "1000")
    big = json.dumps({"query": ["x" * 2000]}).encode()
    # Refused from the declared length, and from the bytes read when the length is not declared.
    assert_error(raw_post(server, "/get_reward", big), 413, "S4130", "1000 bytes")
    assert_error(raw_post(server, "/get_reward", iter([big[:600], big[600:]])), 413, "S4130", "1000 bytes")
    # A body just under the limit is fine, and the connection pool still works afterwards.
    small = json.dumps({"query": ["x" * 900]}).encode()
    assert raw_post(server, "/get_reward", small).status_code == 200
    huge = b'{"query": ["' + b"y" * (8 << 20) + b'"]}'
    assert_error(raw_post(server, "/get_reward", huge), 413, "S4130")
    assert raw_post(server, "/get_reward", small).status_code == 200


def test_broken_http_does_not_crash_the_server(serve):
    server = serve(R1)
    address = urlparse(server.url)
    for garbage in [b"GARBAGE\r\n\r\n", b"POST /get_reward HTTP/1.1\r\nContent-Length: 50\r\n\r\n{\"query\"",
                    b"\x00\x01\x02\x03" * 100]:
        with socket.create_connection((address.hostname, address.port), timeout=10) as connection:
            connection.sendall(garbage)
            connection.shutdown(socket.SHUT_WR)
            try:
                connection.recv(4096)
            except OSError:
                pass
    assert requests.get(server.url + "/health", timeout=10).status_code == 200


def test_busy_server_answers_503(serve, rubric_file):
    slow = rubric_file('rubric slow "busy work"\n\ninput size: int\n\nlet xs = range(size)\n'
                       'score n = len([1 for x in xs for y in xs if x < 0])\nreward = n\n')
    server = serve(slow, "--jobs", "1", "--queue", "1", "--deadline-ms", "0", "--fuel", "1000000000000")
    started = threading.Event()
    results = {}

    def long_request():
        started.set()
        results["long"] = requests.post(server.url + "/v1/evaluate", json={"samples": [{"size": 3000}] * 4},
                                        timeout=120)

    thread = threading.Thread(target=long_request)
    thread.start()
    started.wait()
    # Wait until the long request holds the only slot.
    for _ in range(200):
        if requests.get(server.url + "/health", timeout=10).json()["in_progress"] == 1:
            break
        threading.Event().wait(0.02)
    # The worker is busy, but the event loop is not: other endpoints answer at once.
    start = time.monotonic()
    assert requests.get(server.url + "/health", timeout=10).status_code == 200
    assert time.monotonic() - start < 1
    response = requests.post(server.url + "/v1/evaluate", json={"samples": [{"size": 1}]}, timeout=30)
    error = assert_error(response, 503, "S5030", "busy")
    assert response.headers["retry-after"] == "1"
    assert error["message"]
    thread.join()
    assert results["long"].status_code == 200
    assert requests.post(server.url + "/v1/evaluate", json={"samples": [{"size": 1}]}, timeout=30).status_code == 200

"""Concurrent clients, metrics, graceful shutdown under load, and two replicas."""

import os
import re
import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import requests

from conftest import EXAMPLES, eval_records
from samples import openrlhf_payload, r1_samples

R1 = os.path.join(EXAMPLES, "r1_math.rubric")
SLOW = ('rubric slow "busy work"\n\ninput size: int\n\nlet xs = range(size)\n'
        'score n = len([1 for x in xs for y in xs if x < 0])\nreward = size\n')


def batches(count, size, seed=100):
    """`count` OpenRLHF payloads of `size` samples each, all different."""
    samples = r1_samples(count * size, seed=seed)
    return [samples[index * size:(index + 1) * size] for index in range(count)]


def metric(text, name, **labels):
    """The value of one series in a Prometheus exposition, or 0 when it is absent."""
    selector = ",".join(f'{key}="{value}"' for key, value in labels.items())
    pattern = re.escape(name + ("{" + selector + "}" if selector else "")) + r" (\S+)"
    found = re.search("^" + pattern + "$", text, re.MULTILINE)
    return float(found.group(1)) if found else 0.0


def test_sixteen_concurrent_clients(serve):
    server = serve(R1)
    work = batches(48, 16)
    expected = eval_records(R1, [{"completion": s["completion"], "answer": s["answer"]} for b in work for s in b])
    session = threading.local()

    def call(batch):
        if not hasattr(session, "value"):
            session.value = requests.Session()
        response = session.value.post(server.url + "/get_reward", json=openrlhf_payload(batch), timeout=120)
        assert response.status_code == 200, response.text
        return response.json()["rewards"]

    with ThreadPoolExecutor(max_workers=16) as pool:
        rewards = [reward for result in pool.map(call, work) for reward in result]
    assert rewards == [record["reward"] for record in expected]


def test_metrics_count_requests_samples_errors_and_latency(serve):
    server = serve(R1)
    text = requests.get(server.url + "/metrics", timeout=10).text
    assert metric(text, "rubric_requests_total", endpoint="/get_reward", status="200") == 0
    for batch in batches(3, 8):
        assert requests.post(server.url + "/get_reward", json=openrlhf_payload(batch), timeout=60).status_code == 200
    requests.post(server.url + "/v1/evaluate", json={"samples": [{"answer": "1"}, {"completion": "x"}, {}]}, timeout=60)
    requests.post(server.url + "/get_reward", data=b"{bad", timeout=60)
    requests.get(server.url + "/missing", timeout=60)
    response = requests.get(server.url + "/metrics", timeout=10)
    assert response.headers["content-type"].startswith("text/plain")
    text = response.text
    assert metric(text, "rubric_requests_total", endpoint="/get_reward", status="200") == 3
    assert metric(text, "rubric_requests_total", endpoint="/get_reward", status="400") == 1
    assert metric(text, "rubric_requests_total", endpoint="/v1/evaluate", status="200") == 1
    assert metric(text, "rubric_requests_total", endpoint="other", status="404") == 1
    assert metric(text, "rubric_samples_total", endpoint="/get_reward") == 24
    assert metric(text, "rubric_samples_total", endpoint="/v1/evaluate") == 3
    assert metric(text, "rubric_sample_errors_total", code="E1001") == 3
    assert metric(text, "rubric_request_errors_total", code="S4000") == 1
    assert metric(text, "rubric_request_errors_total", code="S4040") == 1
    count = metric(text, "rubric_request_duration_seconds_count", endpoint="/get_reward")
    assert count == 4
    assert metric(text, "rubric_request_duration_seconds_bucket", endpoint="/get_reward", le="+Inf") == count
    assert metric(text, "rubric_request_duration_seconds_bucket", endpoint="/get_reward", le="60.0") == count
    assert metric(text, "rubric_request_duration_seconds_sum", endpoint="/get_reward") > 0
    # Cumulative buckets never decrease.
    buckets = [float(value) for value in re.findall(
        r'^rubric_request_duration_seconds_bucket\{endpoint="/get_reward",le="[^"]+"\} (\S+)$', text, re.MULTILINE)]
    assert buckets == sorted(buckets)
    # The scrape itself is the one request in flight.
    assert metric(text, "rubric_requests_in_flight") == 1
    assert metric(text, "rubric_workers") >= 1


def test_sigterm_during_load_finishes_requests_in_flight(serve, rubric_file):
    slow = rubric_file(SLOW)
    server = serve(slow, "--jobs", "2", "--deadline-ms", "0", "--fuel", "1000000000000")
    # Calibrate: a request of four samples of this size takes a fraction of a second or more.
    size = 400
    while True:
        start = time.monotonic()
        requests.post(server.url + "/v1/evaluate", json={"samples": [{"size": size}] * 4}, timeout=120)
        if time.monotonic() - start > 0.4 or size > 20000:
            break
        size *= 2
    results = [None] * 8
    started = threading.Barrier(9)

    def call(index):
        started.wait()
        try:
            results[index] = requests.post(server.url + "/v1/evaluate",
                                           json={"samples": [{"size": size + index}] * 4}, timeout=300)
        except requests.RequestException as error:
            results[index] = error

    threads = [threading.Thread(target=call, args=(index,)) for index in range(8)]
    for thread in threads:
        thread.start()
    started.wait()
    # Let every request arrive, then ask the server to stop while they are being scored.
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        text = requests.get(server.url + "/metrics", timeout=10).text
        if metric(text, "rubric_requests_in_flight") >= 9:
            break
        time.sleep(0.01)
    server.process.send_signal(signal.SIGTERM)
    for thread in threads:
        thread.join()
    assert server.process.wait(timeout=120) == 0
    for index, response in enumerate(results):
        assert isinstance(response, requests.Response), response
        assert response.status_code == 200
        records = response.json()["records"]
        assert [record["reward"] for record in records] == [float(size + index)] * 4
        assert all(record["error"] is None for record in records)
    # Once stopped, it accepts nothing.
    try:
        requests.get(server.url + "/health", timeout=5)
        raise AssertionError("the server still answers after shutdown")
    except requests.ConnectionError:
        pass


def test_two_replicas_give_the_same_results_as_one(serve):
    single = serve(R1)
    replicas = [serve(R1, "--jobs", "1"), serve(R1, "--jobs", "1")]
    work = batches(32, 8, seed=300)

    def run(urls):
        """16 clients; request i goes to replica i mod len(urls) (round robin)."""
        def call(indexed):
            index, batch = indexed
            url = urls[index % len(urls)]
            response = requests.post(url + "/get_reward", json=openrlhf_payload(batch), timeout=120)
            assert response.status_code == 200
            return url, response.json()

        with ThreadPoolExecutor(max_workers=16) as pool:
            return list(pool.map(call, enumerate(work)))

    one = run([single.url])
    two = run([replica.url for replica in replicas])
    assert [body for _, body in two] == [body for _, body in one]
    # Both replicas did work.
    for replica in replicas:
        text = requests.get(replica.url + "/metrics", timeout=10).text
        assert metric(text, "rubric_samples_total", endpoint="/get_reward") == 16 * 8

"""The package under Ray: a local cluster scores a dataset with ray.data map_batches and with
actors, and both give the records of direct evaluation."""

import os

import pytest
from conftest import PACKAGE_ROOT, example_data, example_path

from rubric import Rubric

ray = pytest.importorskip("ray", reason="pip install 'ray[data]'")


@pytest.fixture(scope="module")
def cluster():
    # Workers import the package from its source folder and load the same library.
    variables = {"PYTHONPATH": PACKAGE_ROOT}
    if os.environ.get("RUBRIC_LIBRARY"):
        variables["RUBRIC_LIBRARY"] = os.environ["RUBRIC_LIBRARY"]
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, runtime_env={"env_vars": variables})
    yield
    ray.shutdown()


def samples():
    """200 R1 samples (the example data repeated), each with its position."""
    rows = example_data("r1_math")
    return [dict(rows[index % len(rows)], position=index) for index in range(200)]


def test_map_batches_gives_direct_evaluation(cluster):
    import ray.data

    path = example_path("r1_math")
    direct = Rubric.from_file(path).evaluate(samples())

    class Score:
        """A map_batches callable class: compiles once per worker."""

        def __init__(self):
            self.rubric = Rubric.from_file(path)

        def __call__(self, batch):
            rows = batch.to_dict("records")
            records = self.rubric.evaluate([{key: row[key] for key in ("completion", "answer", "usage")} for row in rows])
            return {"position": [row["position"] for row in rows], "reward": [r["reward"] for r in records],
                    "correct": [r["scores"]["correct"] for r in records]}

    dataset = ray.data.from_items(samples())
    scored = dataset.map_batches(Score, batch_size=64, batch_format="pandas", concurrency=2).take_all()
    by_position = sorted(scored, key=lambda row: row["position"])
    assert [row["reward"] for row in by_position] == [record["reward"] for record in direct]
    assert [row["correct"] for row in by_position] == [record["scores"]["correct"] for record in direct]


def test_actors_share_a_pickled_rubric(cluster):
    rubric = Rubric.from_file(example_path("r1_math"))
    data = samples()
    direct = rubric.evaluate(data)

    @ray.remote
    class Scorer:
        def __init__(self, compiled):
            self.rubric = compiled  # arrives pickled as source and compiles in the actor

        def score(self, batch):
            return self.rubric.evaluate(batch)

    actors = [Scorer.remote(rubric) for _ in range(2)]
    chunks = [data[start:start + 50] for start in range(0, len(data), 50)]
    results = ray.get([actors[index % 2].score.remote(chunk) for index, chunk in enumerate(chunks)])
    assert [record for chunk in results for record in chunk] == direct

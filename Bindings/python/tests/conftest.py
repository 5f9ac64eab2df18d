"""Shared fixtures: the repository's paths and its example rubrics."""

import json
import os
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGE_ROOT = os.path.dirname(HERE)
REPOSITORY = os.path.dirname(os.path.dirname(PACKAGE_ROOT))
sys.path.insert(0, PACKAGE_ROOT)

EXAMPLES = os.path.join(REPOSITORY, "Examples")


def example_path(name):
    """The path of Examples/NAME.rubric."""
    return os.path.join(EXAMPLES, f"{name}.rubric")


def example_data(name, suffix=""):
    """The records of Examples/data/NAME{suffix}.jsonl."""
    with open(os.path.join(EXAMPLES, "data", f"{name}{suffix}.jsonl"), encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


@pytest.fixture(scope="session")
def r1():
    """The DeepSeek-R1 / open-r1 example rubric, compiled."""
    from rubric import Rubric
    return Rubric.from_file(example_path("r1_math"))

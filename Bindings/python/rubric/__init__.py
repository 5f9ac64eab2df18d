"""Rubric: reward scripts for reinforcement learning of language models.

    from rubric import Rubric
    r1 = Rubric.from_file("Examples/r1_math.rubric")
    r1.evaluate([{"completion": "...", "answer": "4"}])

Adapters for trainers: rubric.trl (GRPOTrainer reward_funcs), rubric.verl
(custom_reward_function compute_score) and rubric.openrlhf (--remote_rm_url reward_func).
"""

from rubric._library import library
from rubric.core import Rubric, check
from rubric.errors import RubricError

__all__ = ["Rubric", "RubricError", "check", "version"]


def version():
    """The version of the loaded rubric_c library."""
    return library().rubric_version().decode("ascii")

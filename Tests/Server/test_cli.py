"""`rubric serve` refuses bad configurations with the documented exit status and a message."""

import os
import subprocess
from urllib.parse import urlparse

from conftest import EXAMPLES, RUBRIC

R1 = os.path.join(EXAMPLES, "r1_math.rubric")


def serve_fails(*arguments):
    completed = subprocess.run([RUBRIC, "serve", *arguments], capture_output=True, text=True, timeout=60)
    assert completed.stdout == ""
    return completed.returncode, completed.stderr


def test_a_rubric_with_errors_exits_1_with_its_diagnostics(rubric_file):
    status, stderr = serve_fails(rubric_file("reward = nope\n"), "--port", "0")
    assert status == 1
    assert "E0201" in stderr


def test_bad_arguments_exit_2():
    status, stderr = serve_fails(R1, "--port", "0", "--map", "missing=x")
    assert status == 2 and "no input named 'missing'" in stderr
    status, stderr = serve_fails(R1, "--port", "0", "--openrlhf-score", "nope")
    assert status == 2 and "no score named 'nope'" in stderr
    status, stderr = serve_fails(R1, "--port", "70000")
    assert status != 0 and "--port" in stderr
    status, stderr = serve_fails(R1, "--jobs", "0")
    assert status != 0 and "--jobs" in stderr


def test_a_port_in_use_exits_2(serve):
    server = serve(R1)
    status, stderr = serve_fails(R1, "--port", str(urlparse(server.url).port))
    assert status == 2
    assert "cannot serve" in stderr

"""Fixtures for the `rubric serve` tests: start the real binary on a free port, talk to it
over loopback, stop it with SIGTERM and check that it exits 0."""

import json
import os
import signal
import subprocess
import sys
import threading

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
EXAMPLES = os.path.join(ROOT, "Examples")
RUBRIC = os.environ.get("RUBRIC_BIN", os.path.join(ROOT, ".build", "debug", "rubric"))

sys.path.insert(0, HERE)


class Server:
    """A running `rubric serve`: its process, base URL and captured standard error."""

    def __init__(self, rubric, *arguments):
        command = [RUBRIC, "serve", rubric, "--port", "0", *arguments]
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        first = self.process.stdout.readline()
        if not first.startswith("listening "):
            self.process.kill()
            raise RuntimeError(f"server did not start: {first!r} {self.process.stderr.read()}")
        self.url = first.split()[1]
        self.stderr_lines = []
        # Drain standard error so a chatty server never blocks on a full pipe.
        self._reader = threading.Thread(target=self._drain, daemon=True)
        self._reader.start()

    def _drain(self):
        for line in self.process.stderr:
            self.stderr_lines.append(line)

    def stop(self, timeout=30):
        """Sends SIGTERM and returns the exit status."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise


@pytest.fixture
def serve():
    """Starts servers on demand (`serve(rubric, *args)`) and stops them after the test,
    failing it if one did not exit 0."""
    servers = []

    def start(rubric=os.path.join(EXAMPLES, "r1_math.rubric"), *arguments):
        server = Server(rubric, *arguments)
        servers.append(server)
        return server

    yield start
    for server in servers:
        status = server.stop()
        assert status == 0, f"server exited {status}: {''.join(server.stderr_lines)}"


@pytest.fixture
def rubric_file(tmp_path):
    """Writes a rubric to a temporary file and returns its path."""
    def write(text, name="test.rubric"):
        path = tmp_path / name
        path.write_text(text)
        return str(path)
    return write


def eval_records(rubric, samples, *arguments):
    """The records `rubric eval` writes for `samples`, for comparison with the server."""
    data = "".join(json.dumps(sample) + "\n" for sample in samples)
    completed = subprocess.run([RUBRIC, "eval", rubric, "--data", "-", "--summary", "none", *arguments],
                               input=data, capture_output=True, text=True, check=True)
    return [json.loads(line) for line in completed.stdout.splitlines()]

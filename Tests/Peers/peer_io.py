"""The line protocol every peer script speaks: one JSON case per stdin line, one JSON result
per stdout line, in order. A case whose computation raises yields {"error": "..."} so the
Swift side can check that both implementations reject the same inputs."""

import json
import sys


def serve(run_case, score_result=True):
    """Answers every case on stdin with run_case(case). With score_result, a float result
    is sent as {"score": x, "repr": repr(x)}; otherwise run_case returns the result object."""
    for line in sys.stdin:
        if not line.strip():
            continue
        case = json.loads(line)
        try:
            value = run_case(case)
            result = {"score": value, "repr": repr(value)} if score_result else value
        except Exception as error:  # noqa: BLE001 - the error is the answer
            result = {"error": f"{type(error).__name__}: {error}"}
        sys.stdout.write(json.dumps(result) + "\n")
    sys.stdout.flush()

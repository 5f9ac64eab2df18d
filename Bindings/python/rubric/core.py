"""The `Rubric` class: a compiled rubric that evaluates batches of samples."""

import ctypes
import json
import os

from rubric import _json
from rubric._library import library, take_text
from rubric.errors import RubricError


def _status_name(status):
    return library().rubric_status_name(status).decode("ascii")


def _raise_for(status, error, diagnostics=None):
    """Raises RubricError for a failed call."""
    message = take_text(error) or _status_name(status)
    raise RubricError(message, _status_name(status), diagnostics)


def _options(**values):
    """A JSON options object with the given values (None values left out), or None."""
    present = {key: value for key, value in values.items() if value is not None}
    return json.dumps(present).encode("utf-8") if present else None


def check(source, name="<input>", limits=None):
    """Every diagnostic of `source` (errors and warnings) as dicts, without raising."""
    encoded = source.encode("utf-8", "surrogatepass") if isinstance(source, str) else bytes(source)
    diagnostics, error = ctypes.c_void_p(), ctypes.c_void_p()
    status = library().rubric_check(encoded, len(encoded), name.encode("utf-8"), _options(limits=limits),
                                    ctypes.byref(diagnostics), ctypes.byref(error))
    text = take_text(diagnostics)
    message = take_text(error)
    if text is None:
        raise RubricError(message or _status_name(status), _status_name(status))
    return json.loads(text)


class Rubric:
    """A compiled rubric. Compile once, then evaluate batches from any number of threads (the
    library releases the GIL while it works, and one compiled program serves every thread).

    >>> r = Rubric('input completion: string\\nscore long = len(completion) > 3\\nreward = long\\n')
    >>> r.evaluate([{"completion": "hello"}])
    [{'reward': 1.0, 'scores': {'long': 1.0}, 'error': None}]
    """

    def __init__(self, source, name="<input>", limits=None, jobs=1):
        """Compiles `source`; raises RubricError (with code, line and column) if it has errors.
        `limits` overrides limits by their JSON names (see `Rubric.limits`); `jobs` is the
        default number of threads for each `evaluate` call (0: one per core)."""
        self.source = source
        self.name = name
        self.jobs = jobs
        self._handle = None
        encoded = source.encode("utf-8", "surrogatepass")
        handle, diagnostics, error = ctypes.c_void_p(), ctypes.c_void_p(), ctypes.c_void_p()
        status = library().rubric_compile(encoded, len(encoded), name.encode("utf-8"), _options(limits=limits),
                                          ctypes.byref(handle), ctypes.byref(diagnostics), ctypes.byref(error))
        found = take_text(diagnostics)
        self.diagnostics = json.loads(found) if found else []
        if status != 0:
            _raise_for(status, error, self.diagnostics)
        self._handle = handle
        # Kept so that the program can be freed even while the interpreter shuts down.
        self._free = library().rubric_program_free
        self._compile_limits = limits
        info, error = ctypes.c_void_p(), ctypes.c_void_p()
        status = library().rubric_program_info(self._handle, ctypes.byref(info), ctypes.byref(error))
        if status != 0:
            _raise_for(status, error)
        self.info = json.loads(take_text(info))

    @classmethod
    def from_file(cls, path, **options):
        """Compiles the rubric in the file at `path` (diagnostics name the file)."""
        with open(path, encoding="utf-8") as handle:
            return cls(handle.read(), name=os.fspath(path), **options)

    def __del__(self):
        handle = getattr(self, "_handle", None)
        if handle is not None and handle.value:
            self._free(handle)
            self._handle = None

    def __getstate__(self):
        """Pickles as source and settings (for Ray and multiprocessing); unpickling compiles
        again in the receiving process."""
        return {"source": self.source, "name": self.name, "jobs": self.jobs,
                "limits": self.limits, "compile_limits": self._compile_limits}

    def __setstate__(self, state):
        self.__init__(state["source"], name=state["name"], limits=state["compile_limits"], jobs=state["jobs"])
        self.limits = {key: value for key, value in state["limits"].items()
                       if key not in ("max_source_bytes", "max_nesting")}

    def __repr__(self):
        return f"Rubric({self.info.get('name') or self.name!r}, inputs={self.input_names}, scores={self.score_names})"

    @property
    def input_names(self):
        """The names of the rubric's inputs, in declaration order."""
        return [entry["name"] for entry in self.info["inputs"]]

    @property
    def score_names(self):
        """The names of the rubric's scores, in declaration order."""
        return list(self.info["scores"])

    @property
    def uses_groups(self):
        """True when the rubric reads group(e) or batch(e), so samples are scored together."""
        return bool(self.info["uses_groups"])

    def check(self):
        """The rubric's diagnostics: warnings only, since it compiled."""
        return list(self.diagnostics)

    @property
    def limits(self):
        """The limits evaluations run with, as a dict: fuel, memory_bytes, deadline_ms,
        regex_match_limit, regex_depth_limit, regex_heap_limit_kib, regex_jit_stack_bytes,
        regex_jit, max_value_depth, max_output_bytes, max_source_bytes, max_nesting."""
        text, error = ctypes.c_void_p(), ctypes.c_void_p()
        status = library().rubric_limits_get(self._handle, ctypes.byref(text), ctypes.byref(error))
        if status != 0:
            _raise_for(status, error)
        return json.loads(take_text(text))

    @limits.setter
    def limits(self, values):
        """Changes some limits for later evaluations (all or none of `values` apply)."""
        error = ctypes.c_void_p()
        status = library().rubric_limits_set(self._handle, json.dumps(values).encode("utf-8"), ctypes.byref(error))
        if status != 0:
            _raise_for(status, error)

    def evaluate(self, samples, mapping=None, group_by=None, groups=None, jobs=None):
        """Scores a list of samples (dicts) and returns one record per sample, in order:
        {"reward": float | None, "scores": {name: float | None}, ["steps": [...]],
        ["latent": {...}], "error": None | {"code", "message", "line", "column"}}.
        A sample that fails gets its error (and the rubric's fallback reward) in its record.
        `mapping` reads inputs from other fields ({"answer": "solution"} or dotted paths),
        `group_by` groups samples by a field (or `groups` gives a group id per sample) for
        rubrics that read group(e) and declare no group key; `jobs` threads (default: the
        rubric's `jobs`)."""
        return self._run(_json.dumps(samples if isinstance(samples, list) else list(samples)),
                         mapping, group_by, groups, jobs)

    def evaluate_jsonl(self, data, mapping=None, group_by=None, groups=None, jobs=None):
        """Scores JSON Lines (bytes or str, one sample per line): a line that is not valid
        JSON gets an error record (E1003) naming its line, and the others are scored."""
        encoded = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else bytes(data)
        return self._run(encoded, mapping, group_by, groups, jobs)

    def _run(self, encoded, mapping, group_by, groups, jobs):
        """Calls rubric_evaluate and parses its records."""
        options = _options(map=mapping or None, group_by=group_by, groups=groups,
                           jobs=self.jobs if jobs is None else jobs, output="json")
        results, length, error = ctypes.c_void_p(), ctypes.c_size_t(), ctypes.c_void_p()
        status = library().rubric_evaluate(self._handle, encoded, len(encoded), options, ctypes.byref(results),
                                           ctypes.byref(length), ctypes.byref(error))
        if status != 0:
            _raise_for(status, error)
        try:
            return json.loads(ctypes.string_at(results.value, length.value))
        finally:
            library().rubric_string_free(results.value)

    def trl_reward(self, score=None, **options):
        """A TRL reward function for this rubric (see rubric.trl.reward_func)."""
        from rubric import trl
        return trl.reward_func(self, score=score, **options)

    def trl_reward_funcs(self, scores="all", **options):
        """TRL reward functions: the reward, then one per score (see rubric.trl.reward_funcs)."""
        from rubric import trl
        return trl.reward_funcs(self, scores=scores, **options)

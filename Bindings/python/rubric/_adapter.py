"""What the trainer adapters share: turning a path into a compiled rubric, finding which
fields of a sample the rubric reads, and building samples only from those fields."""

import os
import threading

from rubric.core import Rubric

_compiled = {}
_compiled_lock = threading.Lock()


def resolve(rubric, **options):
    """A Rubric from a Rubric, or from the path of a .rubric file (compiled once per process
    and path, so module-level adapters called once per sample stay cheap)."""
    if isinstance(rubric, Rubric):
        return rubric
    path = os.path.abspath(os.fspath(rubric))
    key = (path, repr(sorted(options.items())))
    with _compiled_lock:
        if key not in _compiled:
            _compiled[key] = Rubric.from_file(path, **options)
        return _compiled[key]


def needed_fields(rubric, mapping=None, group_by=None):
    """The top-level sample fields the rubric reads (through `mapping` where it maps an input,
    and the field of `group_by`), so that nothing else is encoded."""
    mapping = mapping or {}
    paths = [mapping.get(entry["name"], entry["path"]) for entry in rubric.info["inputs"]]
    if group_by:
        paths.append(group_by)
    return {path.split(".", 1)[0] for path in paths}


def build_samples(count, fields, sources):
    """`count` samples holding each of `fields` that `sources` (field -> function of the
    sample index, or a list) can give; fields no source gives are left out, so the rubric
    reports them missing or uses their defaults."""
    columns = []
    for field in fields:
        source = sources.get(field)
        if source is None:
            continue
        columns.append((field, source if callable(source) else source.__getitem__))
    return [{field: get(index) for field, get in columns} for index in range(count)]


def reward_value(record, score=None):
    """A record's reward (or its score named `score`): a float, or None for a skip or an
    error without a numeric fallback."""
    value = record["reward"] if score is None else record["scores"].get(score)
    return None if value is None else float(value)

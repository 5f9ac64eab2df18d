"""JSON encoding of trainer data: numpy and torch values become lists and numbers, and
non-finite floats (which JSON cannot carry) become null."""

import json
import math


def _plain(value):
    """A JSON-encodable stand-in for values json does not know (arrays, tensors, scalars)."""
    if hasattr(value, "tolist"):
        return value.tolist()
    if hasattr(value, "item"):
        return value.item()
    if isinstance(value, (set, frozenset)):
        return list(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def _finite(value):
    """`value` with every NaN or infinity replaced by None."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {key: _finite(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(item) for item in value]
    return value


def dumps(value):
    """Compact ASCII JSON bytes for `value`."""
    try:
        text = json.dumps(value, separators=(",", ":"), allow_nan=False, default=_plain)
    except ValueError:
        text = json.dumps(_finite(json.loads(json.dumps(value, default=_plain))), separators=(",", ":"))
    return text.encode("ascii")

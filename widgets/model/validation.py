"""Input validation shared by every model dataclass.

Errors name the field, the value received and the allowed range, in the spirit of
scikit-learn's parameter validation, so that a reader who mistypes a slider value or a
CSV cell learns exactly what to fix.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping
from typing import Any


def unit_interval(owner: str, field: str, value: Any) -> float:
    """Return ``value`` as a float after checking it is a real number in [0, 1]."""
    return bounded(owner, field, value, 0.0, 1.0)


def bounded(owner: str, field: str, value: Any, low: float, high: float | None) -> float:
    """Return ``value`` as a float in ``[low, high]`` (``high=None``: no upper bound)."""
    allowed = f"[{low:g}, {high:g}]" if high is not None else f"[{low:g}, inf)"
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(
            f"{owner}.{field} must be a real number in {allowed}, "
            f"got {type(value).__name__} {value!r}"
        )
    number = float(value)
    if math.isnan(number):
        raise ValueError(f"{owner}.{field} must be a number in {allowed}, got NaN")
    if number < low or (high is not None and number > high) or math.isinf(number):
        raise ValueError(f"{owner}.{field} must be in {allowed}, got {number!r}")
    return number


def boolean(owner: str, field: str, value: Any) -> bool:
    """Return ``value`` as a bool; accepts Python and NumPy booleans only."""
    kind = type(value)
    if isinstance(value, bool) or (kind.__module__ == "numpy" and kind.__name__ in ("bool", "bool_")):
        return bool(value)
    raise TypeError(
        f"{owner}.{field} must be True or False, got {type(value).__name__} {value!r}"
    )


def instance(name: str, value: Any, kind: type, *, optional: bool = False) -> None:
    """Reject ``value`` unless it is a ``kind`` (or None when ``optional``), naming the argument."""
    if isinstance(value, kind) or (optional and value is None):
        return
    article = "an" if kind.__name__[0] in "AEIOU" else "a"
    allowed = f"{article} {kind.__name__}" + (" or None" if optional else "")
    raise TypeError(f"{name} must be {allowed}, got {type(value).__name__}")


def known_fields(owner: str, data: Mapping[str, Any], fields: tuple[str, ...]) -> None:
    """Reject a mapping that is not a dict or that names a field ``owner`` does not have."""
    if not isinstance(data, Mapping):
        raise TypeError(f"{owner} expects a mapping of field names to values, got {type(data).__name__}")
    unknown = sorted(set(map(str, data)) - set(fields))
    if unknown:
        raise TypeError(
            f"{owner} has no field {', '.join(map(repr, unknown))}; "
            f"its fields are {', '.join(fields)}"
        )

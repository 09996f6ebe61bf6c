"""Input validation shared by every model dataclass.

Errors name the field, the value received and the allowed range, in the spirit of
scikit-learn's parameter validation, so that a reader who mistypes a slider value or a
CSV cell learns exactly what to fix.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping, Sequence
from typing import Any


def unit_interval(owner: str, field: str, value: Any) -> float:
    """Return ``value`` as a float after checking it is a real number in [0, 1]."""
    return bounded(owner, field, value, 0.0, 1.0)


def bounded(owner: str, field: str, value: Any, low: float, high: float | None) -> float:
    """Return ``value`` as a float in ``[low, high]`` (``high=None``: no upper bound).

    Numbers too large for a float (``10**400``, a huge ``Fraction``) are out of range like
    any other: a ValueError naming the field, never Python's OverflowError."""
    allowed = f"[{low:g}, {high:g}]" if high is not None else f"[{low:g}, inf)"
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(
            f"{owner}.{field} must be a real number in {allowed}, "
            f"got {type(value).__name__} {shown(value)}"
        )
    try:
        number = float(value)
    except OverflowError:
        raise ValueError(f"{owner}.{field} must be in {allowed}, got {shown(value)} (too large for a float)") from None
    except (TypeError, ValueError) as exc:  # a Real subclass whose __float__ misbehaves
        raise TypeError(f"{owner}.{field} must be a real number in {allowed}, got {type(value).__name__} "
                        f"{shown(value)} ({type(exc).__name__})") from None
    if math.isnan(number):
        raise ValueError(f"{owner}.{field} must be a number in {allowed}, got NaN")
    if number < low or (high is not None and number > high) or math.isinf(number):
        raise ValueError(f"{owner}.{field} must be in {allowed}, got {number!r}")
    return number


def integer(owner: str, field: str, value: Any, low: int, high: int) -> int:
    """Return ``value`` as an int in ``[low, high]``; accepts Python and NumPy integers only."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{owner}.{field} must be an int in [{low}, {high}], got {type(value).__name__} {shown(value)}")
    if not low <= int(value) <= high:
        raise ValueError(f"{owner}.{field} must be in [{low}, {high}], got {shown(value)}")
    return int(value)


def boolean(owner: str, field: str, value: Any) -> bool:
    """Return ``value`` as a bool; accepts Python and NumPy booleans only."""
    kind = type(value)
    if isinstance(value, bool) or (kind.__module__ == "numpy" and kind.__name__ in ("bool", "bool_")):
        return bool(value)
    raise TypeError(
        f"{owner}.{field} must be True or False, got {type(value).__name__} {shown(value)}"
    )


def instance(name: str, value: Any, kind: type, *, optional: bool = False) -> None:
    """Reject ``value`` unless it is a ``kind`` (or None when ``optional``), naming the argument."""
    if isinstance(value, kind) or (optional and value is None):
        return
    article = "an" if kind.__name__[0] in "AEIOU" else "a"
    allowed = f"{article} {kind.__name__}" + (" or None" if optional else "")
    raise TypeError(f"{name} must be {allowed}, got {type(value).__name__}")


def or_default(name: str, value: Any, kind: type, default: Any) -> Any:
    """``value`` if it is a ``kind``, ``default`` if it is None; anything else is refused as :func:`instance`
    refuses it (the model's optional arguments: weights, parameters, a situation)."""
    instance(name, value, kind, optional=True)
    return default if value is None else value


def known_fields(owner: str, data: Mapping[str, Any], fields: tuple[str, ...]) -> None:
    """Reject a mapping that is not a dict or that names a field ``owner`` does not have."""
    if not isinstance(data, Mapping):
        raise TypeError(f"{owner} expects a mapping of field names to values, got {type(data).__name__}")
    unknown = sorted(set(map(str, data)) - set(fields))
    if unknown:
        raise TypeError(
            f"{owner} has no field {listed([shown(name) for name in unknown])}; "
            f"its fields are {', '.join(fields)}"
        )


SHOWN_CHARACTERS = 40
LISTED_NAMES = 5


def shown(value: Any, limit: int = SHOWN_CHARACTERS) -> str:
    """``repr(value)`` cut to ``limit`` characters, for error messages.

    Never fails: an int past Python's 4,300-digit conversion limit is described by its
    size, and a string's lone surrogates are escaped (so the message can be displayed)."""
    try:
        text = repr(value)
    except ValueError:  # int too long to convert to text
        if isinstance(value, numbers.Integral):
            digits = int(abs(int(value)).bit_length() * math.log10(2)) + 1
            text = f"{'-' if value < 0 else ''}an integer of about {digits} digits"
        else:
            text = f"<{type(value).__name__}>"
    except Exception:  # noqa: BLE001 - a broken __repr__ must not hide the real error
        text = f"<{type(value).__name__}>"
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def listed(names: Sequence[str], limit: int = LISTED_NAMES) -> str:
    """'a, b, c, d, e and 4995 more': at most ``limit`` names, then a count of the rest."""
    names = list(names)
    head = ", ".join(names[:limit])
    return head if len(names) <= limit else f"{head} and {len(names) - limit} more"

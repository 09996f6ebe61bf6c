"""Numerical helpers shared by the models (the logistic and softmax links of a choice model)."""

from __future__ import annotations

import math
from collections.abc import Mapping


def softmax(values: Mapping[str, float]) -> dict[str, float]:
    """Shares proportional to exp(value), computed stably; a value of -inf gets share 0."""
    top = max(values.values())
    exps = {k: (math.exp(v - top) if v != -math.inf else 0.0) for k, v in values.items()}
    total = sum(exps.values())
    return {k: v / total for k, v in exps.items()}

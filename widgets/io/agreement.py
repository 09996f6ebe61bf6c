"""Agreement among a class's coders of the same case: Krippendorff's alpha.

When every student codes the same historical case in the same explorer (say Iran facing
Russia after 1881, ``ch1-iran``), each file is one coder and each of the explorer's inputs is
one unit the coders rate. Krippendorff's alpha (Krippendorff 2004, ch. 11; Hayes and
Krippendorff 2007) compares the disagreement observed within units with the disagreement
expected by chance over all the values given:

    alpha = 1 - D_o / D_e

1 is perfect agreement, 0 is agreement no better than chance, below 0 is systematic
disagreement. The inputs are numbers on an evenly spaced grid from 0 to 1 (a yes/no input is
0 or 1), so the distances are *interval* level: a coder who says 0.75 where another says 1.00
disagrees less than one who says 0.00. For a yes/no input the interval and nominal metrics
agree. A missing input (a file without it) is left out of that unit, as the coefficient allows.

The value comes from the ``krippendorff`` package (Castro 2017); the class-results page
computes the same formula in JavaScript (``static/class-results.js``) and a test checks the two
agree on the same files.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import krippendorff
import numpy as np

LEVEL = "interval"
MIN_CODERS = 2


def interval_alpha(codings: Sequence[Sequence[float | None]]) -> float:
    """Krippendorff's alpha at interval level for ``codings[coder][unit]`` (None: not coded).

    NaN when it is undefined: fewer than two coders, no unit coded by two coders, or every
    value the same (no disagreement is even possible, so none can be measured)."""
    rows = [[math.nan if v is None else float(v) for v in row] for row in codings]
    if len(rows) < MIN_CODERS or not rows[0]:
        return math.nan
    data = np.array(rows, dtype=float)
    pairable = (~np.isnan(data)).sum(axis=0) >= MIN_CODERS
    values = data[:, pairable]
    values = values[~np.isnan(values)]
    if values.size == 0 or np.all(values == values[0]):
        return math.nan
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement=LEVEL))

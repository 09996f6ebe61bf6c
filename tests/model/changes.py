"""A shared check for the chapters' claims about a model change: what one case did, what the model
predicts now, and what it predicted under the parameters before the change."""

from __future__ import annotations

from widgets import predict
from widgets.io.cases import get_case
from widgets.model.alignment import ModelParameters


def observed_now_before(case_id: str, before: ModelParameters) -> tuple[str, str, str]:
    """(observed choice, predicted choice now, predicted choice with ``before``) for a book case."""
    case = get_case(case_id)
    return case.row["observed"], case.predict().choice, predict(case.threat, case.situation, params=before).choice

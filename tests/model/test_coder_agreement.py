"""Agreement between two coders (widgets.model.coder_agreement)."""

from __future__ import annotations

import pytest

from widgets._paths import data_file
from widgets.io.schweller_cases import OTHER_CASES_FILE, SECOND_CODER_FILE, load_schweller_cases
from widgets.model.coder_agreement import act, agreement, agreement_table, column_agreement


def test_identical_codes_agree_perfectly():
    assert column_agreement([0.0, 0.5, 1.0, 0.5], [0.0, 0.5, 1.0, 0.5], ordinal=True) == (1.0, pytest.approx(1.0))


def test_unweighted_kappa_matches_the_textbook_formula():
    # 50 decisions: 20 yes-yes, 5 yes-no, 10 no-yes, 15 no-no -> p_o = .7, p_e = .5, kappa = .4
    first = ["yes"] * 25 + ["no"] * 25
    second = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    identical, kappa = column_agreement(first, second, ordinal=False)
    assert identical == pytest.approx(0.7) and kappa == pytest.approx(0.4)


def test_on_an_ordered_scale_a_near_miss_costs_less_than_a_far_one():
    first = [0.0, 0.25, 0.5, 0.75, 1.0] * 4
    near = [0.25, 0.25, 0.5, 0.75, 1.0] * 4
    far = [1.0, 0.25, 0.5, 0.75, 1.0] * 4
    assert column_agreement(first, near, True)[1] > column_agreement(first, far, True)[1]
    assert column_agreement(first, near, True)[0] == column_agreement(first, far, True)[0] == 0.8


def test_kappa_is_undefined_when_both_coders_use_one_code():
    assert column_agreement([0.5, 0.5, 0.5], [0.5, 0.5, 0.5], ordinal=True) == (1.0, None)


def test_coders_must_cover_the_same_decisions():
    row = {"case_id": "a", "observed": "balance", "observed_side": None}
    with pytest.raises(ValueError, match="cover different decisions: b"):
        agreement([row], [row, {**row, "case_id": "b"}])
    with pytest.raises(ValueError, match="same decisions"):
        column_agreement([1.0], [], ordinal=True)


def test_the_act_joins_choice_and_camp():
    assert act({"observed": "bandwagon", "observed_side": "status quo"}) == "bandwagon, status quo"
    assert act({"observed": "neutral", "observed_side": None}) == "neutral"


def test_the_book_files_two_codings(book_codings):
    first, second = book_codings
    columns = agreement(first, second)
    table = agreement_table(columns)
    assert len(table) == len(columns) == 12 and all(c.n == 71 for c in columns)
    assert all(0 <= c.identical <= 1 and (c.kappa is None or -1 <= c.kappa <= 1) for c in columns)


@pytest.fixture(scope="module")
def book_codings():
    return load_schweller_cases(data_file(OTHER_CASES_FILE)), load_schweller_cases(data_file(SECOND_CODER_FILE))

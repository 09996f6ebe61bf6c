"""The second coding of allies_fighting: its loader refuses bad rows with a message naming the line and column."""

import pytest

from widgets.io.bond_coding import CODED_FILES, BondCodingError, load_bond_coding, read_bond_coding
from widgets.io.cases import load_cases

HEADER = "file,case_id,allies_fighting,why_allies_fighting\n"


def test_the_shipped_file_covers_the_books_cases_and_the_tenth_file():
    coding = load_bond_coding()
    assert set(coding.xs("cases.csv", level="file").index) == set(load_cases().index)
    assert len(coding.xs("cases_heldout_10.csv", level="file")) == 29
    from widgets.model.evaluation_heldout import HELDOUT_SETS, load_heldout

    for which in list(HELDOUT_SETS)[:9]:  # their decisions in war (those in peace are 0 by the codebook)
        frame = load_heldout(which)
        assert set(coding.xs(HELDOUT_SETS[which], level="file").index) == set(frame.index[frame["war"]])


@pytest.mark.parametrize(("row", "message"), [
    ("cases.csv,x-1900,1.5,why", "line 2, column 'allies_fighting': 1.5 is outside [0, 1]"),
    ("cases.csv,x-1900,0.33,why", "line 2, column 'allies_fighting': 0.33 is not a multiple of 0.05"),
    ("cases.csv,x-1900,0.5,", "line 2, column 'why_allies_fighting': is empty: justify the code"),
    ("other.csv,x-1900,0.5,why", "line 2, column 'file': 'other.csv' must be one of cases.csv, cases_heldout_10.csv, "
                                 "cases_heldout.csv, cases_heldout_2.csv"),
])
def test_bad_rows_are_refused_by_line_and_column(row, message):
    with pytest.raises(BondCodingError) as caught:
        read_bond_coding(HEADER + row + "\n")
    assert message in str(caught.value)


def test_a_decision_coded_twice_is_refused():
    with pytest.raises(BondCodingError, match="'x-1900' is coded twice"):
        read_bond_coding(HEADER + "cases.csv,x-1900,0.5,a\ncases.csv,x-1900,0,b\n")


def test_the_coded_files_are_the_books_the_tenth_and_the_first_nine_held_out_files():
    from widgets.model.evaluation_heldout import HELDOUT_SETS

    assert CODED_FILES == ("cases.csv", HELDOUT_SETS["tenth"], *list(HELDOUT_SETS.values())[:9])

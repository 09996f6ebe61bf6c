"""Landscape theory: the energy, the exhaustive search on systems solvable by hand, the
Europe 1936 data files and their validation."""

import itertools
import time

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from widgets.io.cases import CaseDataError
from widgets.model import landscape as L


def test_three_actor_system_solved_by_hand():
    # A and B like each other (+1); both dislike C (-1). Sizes 1, 2, 3.
    sizes = [1.0, 2.0, 3.0]
    p = np.array([[0, 1, -1], [1, 0, -1], [-1, -1, 0]], dtype=float)
    # splits with A fixed in coalition 0: {ABC}, {AC|B}, {AB|C}, {A|BC}
    # energies: 0; 1*2*1 + 2*3*(-1) = -4; 1*3*(-1) + 2*3*(-1) = -9; 1*2*1 + 1*3*(-1) = -1
    splits, e = L.energies(sizes, p)
    by_split = {tuple(int(v) for v in s): round(float(x), 9) for s, x in zip(splits, e, strict=True)}
    assert by_split == {(0, 0, 0): 0.0, (0, 1, 0): -4.0, (0, 0, 1): -9.0, (0, 1, 1): -1.0}
    result = L.search(sizes, p, ["A", "B", "C"])
    assert result.best == (0, 0, 1) and result.best_energy == pytest.approx(-9.0)
    assert result.coalition() == (("A", "B"), ("C",))
    # only {AB|C} is stable: from every other split one actor can move and lower E
    assert [tuple(result.splits[k]) for k in result.local_minima] == [(0, 0, 1)]


def test_frustrated_triangle_has_three_equal_minima():
    # three mutual enemies of equal size: any 2-1 split leaves one hostile pair together
    p = -(np.ones((3, 3)) - np.eye(3))
    result = L.search([1, 1, 1], p)
    assert result.best_energy == pytest.approx(-2.0)
    assert len(result.local_minima) == 3


def test_all_splits_enumerates_each_partition_once():
    splits = L.all_splits(4)
    assert splits.shape == (8, 4) and (splits[:, 0] == 0).all()
    assert len({tuple(s) for s in splits}) == 8


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 7).flatmap(lambda n: st.tuples(
    st.lists(st.floats(0.1, 5), min_size=n, max_size=n),
    st.lists(st.integers(-3, 3), min_size=n * (n - 1) // 2, max_size=n * (n - 1) // 2))))
def test_vectorised_energy_equals_the_pairwise_sum(data):
    sizes, upper = data
    n = len(sizes)
    p = np.zeros((n, n))
    for value, (i, j) in zip(upper, itertools.combinations(range(n), 2), strict=True):
        p[i, j] = p[j, i] = value
    splits, e = L.energies(sizes, p)
    for split, value in zip(splits, e, strict=True):
        assert value == pytest.approx(L.energy(sizes, p, split), abs=1e-9)
    assert L.search(sizes, p).best_energy == pytest.approx(e.min())


def test_seventeen_actors_are_searched_quickly():
    rng = np.random.default_rng(0)
    p = rng.integers(-2, 3, (17, 17)).astype(float)
    p = np.triu(p, 1) + np.triu(p, 1).T
    start = time.perf_counter()
    result = L.search(rng.uniform(0.1, 1, 17), p)
    assert result.splits.shape == (2 ** 16, 17)
    assert time.perf_counter() - start < 5


@pytest.mark.parametrize("sizes, p, message", [
    ([1.0], [[0.0]], "at least 2"),
    ([1.0, -1.0], [[0, 1], [1, 0]], "sizes must be finite and > 0"),
    ([1.0, 1.0], [[0, 1], [2, 0]], "symmetric"),
    ([1.0, 1.0], [[0, 1, 0], [1, 0, 0]], "2x2 matrix"),
    ([1.0] * 21, np.zeros((21, 21)), "at most 20"),
])
def test_bad_inputs_are_rejected_with_a_clear_message(sizes, p, message):
    with pytest.raises(ValueError, match=message):
        L.energies(sizes, p)


def test_energy_rejects_a_bad_coalition():
    with pytest.raises(ValueError, match="0 or 1 for each of the 2 actors"):
        L.energy([1, 1], [[0, 1], [1, 0]], [0, 2])


# ---------------------------------------------------------------- the Europe data


@pytest.fixture(scope="module")
def europe():
    return L.load_europe()


def test_europe_has_the_seventeen_states_and_every_pair(europe):
    assert len(europe.states) == 17
    assert set(europe.codes) == {"UKG", "FRN", "CZE", "POL", "RUS", "GMY", "ITA", "HUN", "ROM", "YUG", "GRC",
                                 "POR", "FIN", "LAT", "LIT", "EST", "DEN"}
    p = europe.propensities
    assert p.shape == (17, 17) and np.allclose(p, p.T) and (np.diag(p) == 0).all()
    assert europe.sizes(1939).max() == pytest.approx(europe.states[europe.codes.index("GMY")]["cinc_1939"])
    with pytest.raises(ValueError, match="1936 or 1939"):
        europe.sizes(1940)


def test_europe_inputs_follow_the_codebook_rounding(europe):
    for s in europe.states:
        for key in ("aggregate_power", "proximity", "offensive_power", "aggressive_intentions", "own_strength",
                    "allied_support"):
            assert round(s[key] * 20, 9) == int(round(s[key] * 20)), (s["code"], key)


def test_landscape_and_model_sides_cover_every_state(europe):
    result, sides = L.landscape_sides(europe)
    assert sides["GMY"] == "Axis" and set(sides) == set(europe.codes)
    assert result.best_energy <= 0  # never worse than everyone together
    model = L.model_sides(europe)
    assert set(model) == set(europe.codes)
    assert all(v["predicted_side"] in (None, "Allies", "Axis") for v in model.values())
    with pytest.raises(ValueError, match="anchor"):
        L.landscape_sides(europe, anchor="XXX")


STATES_HEADER = ",".join(L.STATE_COLUMNS)
GOOD_STATE = "GMY,Germany,0.115,0.178,Axis,why,Britain and France,0.75,1,0.5,0.5,0.55,0.75,false,0.5,inputs"


def test_states_loader_names_line_and_column():
    bad = GOOD_STATE.replace("Axis,why", "Neutral,why").replace("0.55,0.75", "1.5,0.75")
    with pytest.raises(CaseDataError) as info:
        L.read_states(f"{STATES_HEADER}\n{GOOD_STATE}\n{bad}\n", "s.csv")
    text = str(info.value)
    assert "line 3, column 'side': 'Neutral' must be one of Allies, Axis" in text
    assert "line 3, column 'own_strength': '1.5' must be a number in [0, 1]" in text
    assert "line 3, column 'code': 'GMY' repeats" in text


def test_states_loader_rejects_bad_header_and_unknown_threat():
    with pytest.raises(CaseDataError, match="missing column"):
        L.read_states("code,state\nA,B\n")
    with pytest.raises(CaseDataError, match="column 'threat_source'"):
        L.read_states(f"{STATES_HEADER}\n{GOOD_STATE.replace('Britain and France', 'Mars')}\n")


def test_pairs_loader_names_line_and_column():
    head = ",".join(L.PAIR_COLUMNS)
    with pytest.raises(CaseDataError) as info:
        L.read_pairs(f"{head}\nA,B,1,0,0,0,0,ok\nA,C,2,0,0,0,0,ok\nA,B,0,0,0,0,0,ok\nA,Z,0,0,0,0,0,ok\n", ["A", "B",
                                                                                                           "C"])
    text = str(info.value)
    assert "line 3, column 'ideology': '2' must be -1, 0 or 1" in text
    assert "line 4, column 'a': pair A-B repeats line 2" in text
    assert "line 5, column 'b': unknown state code 'Z'" in text
    with pytest.raises(CaseDataError, match="1 pair\\(s\\) missing, e.g. B-C"):
        L.read_pairs(f"{head}\nA,B,1,0,0,0,0,ok\nA,C,1,0,0,0,0,ok\n", ["A", "B", "C"])


def test_pairs_propensity_is_the_sum_of_the_factors():
    head = ",".join(L.PAIR_COLUMNS)
    p = L.read_pairs(f"{head}\nA,B,1,1,-1,1,-1,ok\n", ["A", "B"])
    assert p[0, 1] == p[1, 0] == 1


def test_europe_table_scores_match_the_sides(europe):
    table = L.europe_table(europe)
    assert len(table) == 17
    for column in ("landscape 1936", "landscape 1939", "model's side"):
        right, wrong = L.score(table, column)
        assert right + len(wrong) == 17
        assert all(table.loc[w, column] != table.loc[w, "side taken"] for w in wrong)
    with pytest.raises(ValueError, match="column must be one of"):
        L.score(table, "nope")


def test_chapter_claims_about_europe(europe):
    table = L.europe_table(europe)
    assert L.score(table, "landscape 1936") == (16, ["Poland"])
    assert L.score(table, "landscape 1939") == (15, ["Poland", "Finland"])
    right, wrong = L.score(table, "model's side")
    assert right == 9 and set(wrong) == {"Italy", "Romania", "Yugoslavia", "Finland", "Latvia", "Lithuania", "Estonia",
                                         "Denmark"}
    # exercise 3: Poland's weighted affinities and the cost of moving it
    result, sides = L.landscape_sides(europe)
    s, p, codes = europe.sizes(1936), europe.propensities, europe.codes
    i = codes.index("POL")
    pull = {side: sum(s[j] * p[i, j] for j in range(17) if j != i and sides[codes[j]] == side) for side in L.SIDES}
    assert round(pull["Allies"], 3) == -0.335 and round(pull["Axis"], 3) == -0.050
    assert p[i, codes.index("RUS")] == -3 and round(s[codes.index("RUS")] * -3, 3) == -0.445
    assert round(s[codes.index("FRN")] * p[i, codes.index("FRN")], 3) == 0.106
    moved = list(result.best)
    moved[i] = 1 - moved[i]
    assert round(L.energy(s, p, moved) - result.best_energy, 4) == 0.0052

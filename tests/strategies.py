"""Hypothesis strategies for the model's inputs."""

from hypothesis import strategies as st

from widgets import Situation, Threat, ThreatWeights

unit = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)
threats = st.builds(Threat, unit, unit, unit, unit)
situations = st.builds(Situation, unit, unit, st.booleans(), unit)
peace = st.builds(Situation, unit, unit, st.just(False), unit)
weights = st.builds(
    ThreatWeights,
    st.floats(0.05, 5.0),
    st.floats(0.05, 5.0),
    st.floats(0.05, 5.0),
    st.floats(0.05, 5.0),
)
capabilities = st.none() | unit
lessons = st.floats(min_value=-1.0, max_value=1.0, allow_nan=False)
# every input, the optional ones (capability, target, others engaged, neutrality lesson, allies fighting) included
full_situations = st.builds(Situation, unit, unit, st.booleans(), unit, capabilities, st.booleans(), unit, lessons,
                            unit)


def ordered_pair(low: float = 0.0, high: float = 1.0, gap: float = 0.01) -> st.SearchStrategy:
    """Two values in [low, high], sorted, at least ``gap`` apart (a step any smooth effect must register)."""
    return st.tuples(st.floats(low, high), st.floats(low, high)).map(sorted).filter(lambda ab: ab[1] - ab[0] >= gap)

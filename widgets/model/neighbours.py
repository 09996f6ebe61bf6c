"""'Neighbours of neighbours are friends': alignment patterns on a map of states.

Walt (1985; 1987, p. 23): when proximity drives balancing, states ally against their
neighbours, so the alliance network looks like a checkerboard: a state's allies are the
states on the far side of its neighbours. When aggregate power drives it instead, most
states line up against the one strongest power.

The model: states sit on a grid (a stylised map). Each state rates every other state with
``threat_level`` (aggregate power = capability relative to the strongest state, proximity
falling with grid distance, offensive power and intentions held equal), and opposes the one
it finds most threatening. Camps are then assigned by two-colouring the "opposes" graph
from the most threatening state outward; a state whose rival is already in its own camp is
reported as a conflict (the pattern is not a clean checkerboard there).
"""

from __future__ import annotations

import random
from collections import deque
from dataclasses import dataclass

from . import validation
from .threat import Threat, ThreatWeights, threat_level


@dataclass(frozen=True)
class Neighbourhood:
    """A grid of states, who each opposes, and the two camps that result."""

    rows: int
    cols: int
    capability: tuple[float, ...]  # per state, row-major, max = 1
    opposes: tuple[int, ...]  # index of each state's main threat
    camp: tuple[int, ...]  # 0 or 1
    conflicts: tuple[int, ...]  # states whose main threat ended up in their own camp

    def position(self, state: int) -> tuple[int, int]:
        return divmod(state, self.cols)

    def checkerboard_share(self) -> float:
        """Share of adjacent pairs (grid neighbours) that sit in opposite camps."""
        pairs = opposite = 0
        for state in range(self.rows * self.cols):
            r, c = self.position(state)
            for dr, dc in ((0, 1), (1, 0)):
                rr, cc = r + dr, c + dc
                if rr < self.rows and cc < self.cols:
                    pairs += 1
                    opposite += self.camp[state] != self.camp[rr * self.cols + cc]
        return opposite / pairs if pairs else 0.0


def proximity(distance: int) -> float:
    """Proximity on the grid: 1 for a neighbour, halving with each further step."""
    return 0.5 ** (distance - 1) if distance > 0 else 1.0


def neighbourhood(
    rows: int = 4,
    cols: int = 6,
    proximity_weight: float = 1.0,
    power_weight: float = 1.0,
    seed: int = 7,
) -> Neighbourhood:
    """Build the grid, find each state's main threat and colour the two camps."""
    for name, value in (("rows", rows), ("cols", cols), ("seed", seed)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"neighbourhood.{name} must be an int, got {type(value).__name__}")
    if not (2 <= rows <= 12 and 2 <= cols <= 12):
        raise ValueError(f"neighbourhood.rows and cols must be in [2, 12], got {rows} x {cols}")
    validation.bounded("neighbourhood", "proximity_weight", proximity_weight, 0.0, None)
    validation.bounded("neighbourhood", "power_weight", power_weight, 0.0, None)
    weights = (
        ThreatWeights(power_weight, proximity_weight, 0.0, 0.0)
        if power_weight + proximity_weight > 0
        else ThreatWeights()
    )
    rng = random.Random(seed)
    raw = [rng.uniform(0.3, 1.0) for _ in range(rows * cols)]
    top = max(raw)
    capability = tuple(round(v / top, 4) for v in raw)
    n = rows * cols
    opposes = []
    for i in range(n):
        ri, ci = divmod(i, cols)
        scores = []
        for j in range(n):
            if j == i:
                continue
            rj, cj = divmod(j, cols)
            distance = abs(ri - rj) + abs(ci - cj)
            level = threat_level(Threat(capability[j], proximity(distance), 0.5, 0.5), weights)
            scores.append((level, capability[j], -j, j))
        opposes.append(max(scores)[3])
    # two-colour the opposes graph, starting from the state most often opposed
    adjacency: list[set[int]] = [set() for _ in range(n)]
    for i, j in enumerate(opposes):
        adjacency[i].add(j)
        adjacency[j].add(i)
    camp = [-1] * n
    order = sorted(range(n), key=lambda s: (-sum(o == s for o in opposes), -capability[s], s))
    for start in order:
        if camp[start] != -1:
            continue
        camp[start] = 0
        queue = deque([start])
        while queue:
            s = queue.popleft()
            for t in sorted(adjacency[s]):
                if camp[t] == -1:
                    camp[t] = 1 - camp[s]
                    queue.append(t)
    conflicts = tuple(i for i in range(n) if camp[i] == camp[opposes[i]])
    return Neighbourhood(rows, cols, capability, tuple(opposes), tuple(camp), conflicts)

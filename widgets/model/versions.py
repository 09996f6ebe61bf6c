"""The alignment model's earlier versions, as parameter sets (the commit order is the record).

Each later term was committed switched off, run once on the book's cases and adopted by a rule fixed
beforehand (``alignment.py``'s docstring). Chapter 8 compares the model as it stands with the model as
it stood when each held-out file was committed, and quotes the book-case score of each version; these
are those versions, defined once. ``CHAIN_GANGING_TRIED`` and ``FREE_RIDERS_TRIED`` are the specs that
were run and not adopted, each on the model as it then stood.
"""

from __future__ import annotations

from dataclasses import replace

from .parameters import ModelParameters

# Before the first file: the hiding change, the insulation term, the hegemony shift and allies ending
# hiding were still to come; each later file was committed after one more of them.
AT_FIRST_FILE = ModelParameters(hiding_ends_with_defeat=0.0, insulated_buckpassing=0.0, hegemony_shift=0.0,
                                allies_end_hiding=0.0)
AT_SECOND_FILE = replace(AT_FIRST_FILE, hiding_ends_with_defeat=1.0)
AT_THIRD_FILE = replace(AT_SECOND_FILE, insulated_buckpassing=1.0)
AT_FOURTH_FILE = replace(AT_THIRD_FILE, hegemony_shift=ModelParameters().hegemony_shift)
# The model before the feasibility term (alignment.py, "F") and before every later change.
WITHOUT_FEASIBILITY = ModelParameters(resistance_feasibility=0.0)
BEFORE_ALL = replace(AT_FIRST_FILE, resistance_feasibility=0.0)
CHAIN_GANGING_TRIED = replace(AT_FOURTH_FILE, chain_ganging=1.0)
FREE_RIDERS_TRIED = ModelParameters(free_riders_align=1.0)  # after the fifth file, on the model as it stands

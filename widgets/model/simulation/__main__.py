"""``python -m widgets.model.simulation --write`` (or ``--check``): the cached Monte Carlo sweeps."""

from .sweeps import main

raise SystemExit(main())

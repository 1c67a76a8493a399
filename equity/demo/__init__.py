"""The demo database: "Riverbend", a fictional state whose made-up data behave like real data.

Nothing here describes real places, organisations or people. Every name and number is invented,
and the meta table says so (is_demo = 'true'). The data are built to be useful for trying the
dashboard: tracts tile the state, counties add up from tracts, indicators move together the way
they do in real places, small groups give small counts (which the published_values view hides),
and where programs run, gaps between groups narrow after they start.

Everything is drawn from one seed, so the same seed gives the same tables (apart from built_at).

The package keeps the story apart from the machinery:

- ``scenario``: Riverbend itself, the part to edit: names and places, groups, indicators and how they
  behave, programs, partners and their roles, commitments, what residents said and what was done.
- ``geography``, ``people``, ``programs``, ``indicators``, ``coalition``: the generator, which turns the
  scenario into areas, residents, program sites and results, indicator values with their intervals
  (by ``equity.stats``), and the coalition's tables.
- ``build``: ``build_demo``, which draws every table and writes, checks and swaps in the file; the SQL it
  runs is in ``sql/``.
"""

from equity.demo.build import GENERATOR, TABLE_ORDER, build_demo
from equity.demo.indicators import AGE_ADJUSTED, CATALOGUE
from equity.demo.scenario import BREAKDOWN_INDICATORS, GROUP_DIMS

__all__ = [
    "AGE_ADJUSTED",
    "BREAKDOWN_INDICATORS",
    "CATALOGUE",
    "GENERATOR",
    "GROUP_DIMS",
    "TABLE_ORDER",
    "build_demo",
]

"""Reading and writing the book's files: pure Python, no display.

``csvtable`` (validated CSV tables, every problem reported by line and column), ``cases``
(the historical case file, ``data/cases.csv``), ``schweller_cases`` (``data/schweller_cases.csv``),
``bibliography`` (author-year labels from ``references.bib``), ``quiz`` (the self-check quizzes
in ``quizzes/``) and ``scenario_file`` (saved explorer scenarios, JSON and CSV). Where the files
are is decided in one place, :mod:`widgets._paths`.
"""

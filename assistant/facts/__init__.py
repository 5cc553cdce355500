"""Figures, targets, problems and assessment criteria as structured, comparable facts.

* :func:`extract_facts` — facts of one document from its passages (rules, no model);
* :class:`FactBook` — all facts of an index (``FactBook.from_store(store)``), query/compare;
* :func:`load_criteria_table`, :func:`facts_to_csv`, :func:`facts_to_xlsx` — spreadsheets."""

from assistant.facts.book import FactBook
from assistant.facts.extract import extract_facts
from assistant.facts.measures import MEASURES, find_measure
from assistant.facts.model import KINDS, Fact
from assistant.facts.table import TableError, facts_to_csv, facts_to_xlsx, find_tables, load_criteria_table

__all__ = [
    "KINDS",
    "MEASURES",
    "Fact",
    "FactBook",
    "TableError",
    "extract_facts",
    "facts_to_csv",
    "facts_to_xlsx",
    "find_measure",
    "find_tables",
    "load_criteria_table",
]

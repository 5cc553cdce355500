"""Sentences that stand in for the best one when it answers for another period or district than
the one asked: a sentence of the period or district asked, rated nearly as high, is answered from
instead of refusing."""

from __future__ import annotations

import numpy as np

from assistant.answer.prepared import Prepared
from assistant.answer.refuse import districts_asked
from assistant.answer.refuse_scope import gives_district_figure

FALLBACK_SHARE = 0.8  # how near the best a sentence of the period or place asked must be rated to stand in


def of_the_period_asked(prepared: Prepared, probabilities: np.ndarray) -> np.ndarray | None:
    """The best sentence is from another period's document, and a document of the period asked
    was retrieved too: its sentences' probabilities alone (the others set to 0), if its best is
    rated nearly as high (``FALLBACK_SHARE`` of the best); else None."""
    covers = np.array([prepared.profiles[c.doc_id].covers_time(prepared.question) is True for c in prepared.candidates])
    return _stand_in(covers, probabilities)


def of_the_district_asked(prepared: Prepared, probabilities: np.ndarray) -> np.ndarray | None:
    """The best sentence gives no figure of the district asked, and another candidate does: the
    probabilities of those that do alone (the others set to 0), if their best is rated nearly as
    high (``FALLBACK_SHARE`` of the best); else None."""
    asked = districts_asked(prepared.question, prepared.profiles.values())
    gives = np.array([gives_district_figure(asked, c, prepared.profiles[c.doc_id]) for c in prepared.candidates])
    return _stand_in(gives, probabilities)


def _stand_in(kept_mask: np.ndarray, probabilities: np.ndarray) -> np.ndarray | None:
    """The probabilities of the kept sentences alone, if their best is rated nearly as high as the
    best of all (``FALLBACK_SHARE``); else None."""
    if not kept_mask.any():
        return None
    kept = np.where(kept_mask, probabilities, 0.0)
    return kept if kept.max() >= FALLBACK_SHARE * probabilities.max() else None

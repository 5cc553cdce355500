"""Answer stage: compose an answer from retrieved passages, verify it, cite it."""

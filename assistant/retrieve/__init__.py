"""Retrieve stage: dense and keyword search, fused."""

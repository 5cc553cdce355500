"""wenming-assistant: grounded question answering over 创文 and 城管 documents."""

__version__ = "0.1.0"

"""Accounts: users and their roles per knowledge base, sign-in sessions, the audit log.

While no user exists the app runs open (single-user mode, as before accounts existed)."""

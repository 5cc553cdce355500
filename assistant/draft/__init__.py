"""Inspection drafts (迎检汇报): one body and one period, the sections of a 汇报, every sentence
cited and verified, and the draft as a .docx in the layout of an official document."""

"""Chat history kept on the server, feedback on answers, and curated answers (标注)."""

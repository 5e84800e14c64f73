"""The Professional iLearning model: stages, record kinds and their rules. No I/O here."""

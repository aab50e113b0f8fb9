"""Cross-article de-duplication: mentions of the same real-world event form one event."""

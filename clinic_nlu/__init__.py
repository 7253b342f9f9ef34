"""NLU pieces of the clinic assistant: our spaCy pipeline and the safety net component."""

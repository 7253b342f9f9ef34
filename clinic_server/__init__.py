"""How the clinic assistant's Rasa server is launched: Rasa's own CLI plus our speed fixes."""

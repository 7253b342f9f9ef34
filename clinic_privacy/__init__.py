"""What identifies a patient never reaches disk: redaction of stored conversations."""

"""The doctor's Request section: read a pasted header, command or request, then lint it."""

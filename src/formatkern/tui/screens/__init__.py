"""Screens of the control desk: start, casting, running, projector, help, summary."""

"""Widgets of the control desk, one module per area of the screen."""

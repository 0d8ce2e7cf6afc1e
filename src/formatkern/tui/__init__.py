"""The facilitator's control desk: a Textual front end on a running `Session`.

Nothing outside this package imports it (the CLI calls `formatkern.tui.app.run_tui`), so the
engine and the headless runner never load Textual.
"""

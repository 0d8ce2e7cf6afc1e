"""formatkern."""

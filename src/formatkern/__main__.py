"""`python -m formatkern` runs the command line."""

from formatkern.cli import main

main()

"""The errors a user sees. Each carries a one-paragraph message; the CLI prints it and exits 1."""

from __future__ import annotations


class FormatkernError(Exception):
    """Base of every error that is the user's to fix (bad file, bad argument, bad command)."""


class FormatError(FormatkernError):
    """A format or agenda file is malformed or inconsistent.

    `problems` holds one line per problem, each `file:line: key.path: what is wrong`.
    """

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


class CatalogError(FormatkernError):
    """A format was asked for that no catalog knows."""


class PlanError(FormatkernError):
    """A format cannot be planned for these participants or settings."""


class GroupingError(FormatkernError):
    """People cannot be arranged as asked (too few for the tables, contradicting wishes)."""


class ParticipantsError(FormatkernError):
    """A participants file or count is unusable."""


class TwoLanguages(Exception):
    """An error whose message is English (`str(exc)`, the headless runner's and the logs') and,
    where one was written, the same in German (`de`), for the control desk."""

    def __init__(self, message: str, *, de: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.de = de

    def text(self, lang: str) -> str:
        """The message in `lang`: German when asked for and written, else English."""
        return self.de if lang == "de" and self.de is not None else self.message


class CommandError(TwoLanguages, FormatkernError):
    """A command that does not fit the session as it stands, or is malformed."""

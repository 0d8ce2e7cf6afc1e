"""What every command shares: the context object, the error boundary, common options."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs
import click

from formatkern.catalog import Catalog
from formatkern.errors import FormatkernError
from formatkern.i18n import lang_from_environment


@attrs.define
class Context:
    """Where formats come from; built once per invocation."""

    formats_dirs: tuple[Path, ...] = ()
    _catalog: Catalog | None = None

    @property
    def catalog(self) -> Catalog:
        if self._catalog is None:
            self._catalog = Catalog.default(self.formats_dirs)
        return self._catalog


class FormatkernGroup(click.Group):
    """A click group that turns the project's own errors into clean messages (exit code 1)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except FormatkernError as exc:
            raise click.ClickException(str(exc)) from None


lang_option = click.option(
    "--lang",
    type=click.Choice(["de", "en"]),
    default=None,
    help="Language of the output (default: FORMATKERN_LANG, else the locale, else German).",
    callback=lambda _ctx, _param, value: value or lang_from_environment(),
)

"""The outputs of a session: the Markdown protocol, the JSON record, the HTML handout and the
CSV of groups and roles, and exporting any of them (or a plugin's output) to a file.

    from formatkern.outputs import export, write_export

    text = export(session, to="md", lang="de")            # a Session, or a session file
    path = write_export("2026-11-21_0900_kollegiale-beratung.fksession", to="html")

Every output receives the redacted record (`formatkern.record.session_record`), never the
engine's objects; see docs/outputs.md.
"""

from formatkern.outputs.export import (
    default_name,
    export,
    is_private,
    opened,
    output,
    outputs,
    record,
    render,
    write_export,
)
from formatkern.outputs.json_record import RecordError, rebuild
from formatkern.outputs.write import ExportError, write_atomic

__all__ = [
    "ExportError",
    "RecordError",
    "default_name",
    "export",
    "is_private",
    "opened",
    "output",
    "outputs",
    "rebuild",
    "record",
    "render",
    "write_atomic",
    "write_export",
]

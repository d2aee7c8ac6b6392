"""What is wrong with a file, cell by cell: one kind of problem for the bundled dataset and an upload alike.

Every problem is collected, not the first, so whoever holds the file can fix all of it in one go.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.i18n import t, tn


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one cell (line 0: the file as a whole; column '-': the row as a whole)."""

    line: int
    column: str
    message: str
    file: str = ""  # which of several files (the bundled dataset); empty for a single upload
    # a value the import does not know but can name candidates for: asked of the editor, never guessed
    value_kind: str = ""  # the column it is a value of (place, domain ...), the key of a remembered answer
    written: str = ""  # the value as written, case and spacing folded (``written_form``)
    candidates: tuple[str, ...] = ()  # what it may mean, each a value the import knows

    def __str__(self) -> str:
        if self.file:
            # the bundled dataset's files are edited in the repository, where English is the language
            return f"{self.file}, line {self.line}, column {self.column!r}: {self.message}"
        return self.for_reader()

    def for_reader(self, lang: str = "nl") -> str:
        """The problem as the person who uploaded the file reads it."""
        where = t("ingest.where_file", lang) if self.line == 0 else t("ingest.where_line", lang, line=self.line)
        if self.column == "-":
            return t("ingest.problem_row", lang, where=where, message=self.message)
        return t("ingest.problem_cell", lang, where=where, column=self.column, message=self.message)


def written_form(value: object) -> str:
    """A written value as it is remembered and looked up: case and spacing aside ('  Den  BOSCH' is 'den bosch')."""
    return " ".join(str(value).split()).casefold()


class UnknownValue(ValueError):
    """A value that is not one the import knows, with what it may have meant (none: nothing close)."""

    def __init__(self, message: str, candidates: tuple[str, ...] = ()):
        super().__init__(message)
        self.candidates = candidates


class DatasetError(ValueError):
    """The bundled dataset has problems; nothing was written."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(
            f"{len(problems)} problem(s) in the dataset, nothing was loaded:\n"
            + "\n".join(f"  - {p}" for p in problems)
        )


class FileProblems(ValueError):
    """The uploaded export has problems; nothing was written."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        count = len(self.problems)
        super().__init__(
            tn("ingest.file_refused", count) + "\n" + "\n".join(f"  - {p.for_reader()}" for p in self.problems)
        )

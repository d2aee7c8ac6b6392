"""What is wrong with an export, cell by cell, in Dutch: every problem, not the first."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one cell (line 0: the file as a whole; column '-': the row as a whole)."""

    line: int
    column: str
    message: str

    def __str__(self) -> str:
        where = "bestand" if self.line == 0 else f"regel {self.line}"
        return f"{where}, kolom '{self.column}': {self.message}" if self.column != "-" else f"{where}: {self.message}"


class FileProblems(ValueError):
    """The export has problems; nothing was written."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        count = len(self.problems)
        super().__init__(
            f"{count} {'probleem' if count == 1 else 'problemen'} in het bestand; er is niets opgeslagen:\n"
            + "\n".join(f"  - {p}" for p in self.problems)
        )

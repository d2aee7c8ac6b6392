"""Import the organisers' exports (activity registrations, survey answers): all of a file, or nothing."""

from data_access.importer.columns import KINDS, Kind
from data_access.importer.problems import FileProblems, Problem
from data_access.importer.read import read_table
from data_access.importer.store import ImportResult, import_file

__all__ = ["KINDS", "FileProblems", "ImportResult", "Kind", "Problem", "import_file", "read_table"]

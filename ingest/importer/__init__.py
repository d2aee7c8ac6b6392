"""Import the organisers' exports (activity registrations, survey answers): all of a file, or nothing."""

from ingest.importer.columns import KINDS, Kind
from ingest.importer.read import read_table
from ingest.importer.store import ImportResult, import_file
from ingest.problems import FileProblems, Problem

__all__ = ["KINDS", "FileProblems", "ImportResult", "Kind", "Problem", "import_file", "read_table"]

"""The bundled dataset into the database: specification (spec), validation (validate), loading (load)."""

from ingest.loader.load import load_bundled, province_centroids
from ingest.loader.spec import FileSpec, specs
from ingest.loader.validate import read_dataset
from ingest.problems import DatasetError, Problem

__all__ = ["DatasetError", "FileSpec", "Problem", "load_bundled", "province_centroids", "read_dataset", "specs"]

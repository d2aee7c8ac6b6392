"""The bundled dataset into the database: specification (spec), validation (validate), loading (load)."""

from data_access.loader.load import load_bundled, province_centroids
from data_access.loader.spec import FileSpec, specs
from data_access.loader.validate import DatasetError, Problem, read_dataset

__all__ = ["DatasetError", "FileSpec", "Problem", "load_bundled", "province_centroids", "read_dataset", "specs"]

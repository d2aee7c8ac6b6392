"""Taking data in: the bundled dataset, the organisers' exports, places, demo data, backups and roles; one writer."""

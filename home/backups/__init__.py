"""Backups and moving house: the whole site as one archive, and back.

`manage.py export_site PATH` and `manage.py import_site PATH` (in
home/management/commands/) are thin; the work is here:

- `scope.py`: which models travel, in which order, and what is left out or
  blanked (password hashes, submitters' contact details) unless asked for;
- `serialization.py`: rows to JSON lines and back with Django's own
  serializers, content types and permissions by natural key;
- `archive.py`: the .tar.gz with its manifest (format version, versions,
  migrations, models and counts, a SHA-256 per member), checked in full before
  anything is written;
- `exporting.py` and `restoring.py`: the two commands' work.

Why not `dumpdata`/`loaddata`: see `serialization.py` and `restoring.py`.
"""

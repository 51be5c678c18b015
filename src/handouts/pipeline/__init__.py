"""The build pipeline below every command: plan (picklable keyed Jobs) -> execute (serial, process pool, Dask) -> cache -> write.

Modules: inputs (digests of files, config and tool versions), plan (Jobs and their cache keys),
execute (where jobs render), cache (content-hash store), write (locked, journalled commits and
a manifest that always matches the files), run (ties them together for handouts.build).
"""

"""Where the job writes: a temporary folder beside OUTPUT, moved into place when the job is done.

    Staging.open(spark, output, overwrite)   refuse an existing OUTPUT (unless overwrite); name the
                                             temporary folder OUTPUT.partial-<application id>
    staging.path                             where the stages write briefs/, assignments/, skipped/
    staging.publish(summary)                 write _SUCCESS (the job's counts as JSON) into it, then
                                             move it to OUTPUT (replacing OUTPUT with overwrite)
    staging.discard()                        remove it after a failure

So OUTPUT holds a whole output with its ``_SUCCESS`` or does not exist: a failed job leaves
nothing that looks complete, and nothing that stops a rerun. A job killed outright (no Python
left to clean up) leaves only its ``.partial-`` folder, which no rerun reads or trips over.
Everything goes through Hadoop's FileSystem, so OUTPUT may be any path Spark writes (a local
folder, HDFS, S3; on S3 a move is a copy).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from newsbrief.errors import InputError

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

MARKER = "_SUCCESS"


class Staging:
    def __init__(self, spark: SparkSession, output: str, overwrite: bool) -> None:
        jvm = spark._jvm
        self._output = jvm.org.apache.hadoop.fs.Path(output)
        self.fs = self._output.getFileSystem(spark._jsc.hadoopConfiguration())
        self.output = output.rstrip("/")
        self.overwrite = overwrite
        self.path = f"{self.output}.partial-{spark.sparkContext.applicationId}"
        self._partial = jvm.org.apache.hadoop.fs.Path(self.path)

    @classmethod
    def open(cls, spark: SparkSession, output: str, overwrite: bool) -> Staging:
        staging = cls(spark, output, overwrite)
        staging.check()
        staging.fs.delete(staging._partial, True)  # a leftover of an earlier run of this application id
        return staging

    def check(self) -> None:
        if self.fs.exists(self._output) and not self.overwrite:
            raise InputError(self.output, "output already exists", "choose a new OUTPUT or pass --overwrite")

    def publish(self, summary: dict[str, Any]) -> None:
        """Mark the output complete and move it into place."""
        marker = self.fs.create(self._partial.suffix(f"/{MARKER}"), True)
        try:
            marker.write(bytearray(json.dumps(summary, indent=2, sort_keys=True).encode("utf-8")))
        finally:
            marker.close()
        if self.fs.exists(self._output) and not self.overwrite:  # written by another run meanwhile
            raise InputError(self.output, "was created by someone else while the job ran",
                             f"the finished output is {self.path}: move it where you want it")
        if self.fs.exists(self._output):
            self.fs.delete(self._output, True)
        if not self.fs.rename(self._partial, self._output):
            raise InputError(self.output, f"could not move the finished output from {self.path} into place",
                             f"move {self.path} to {self.output} yourself: it is complete")

    def discard(self) -> None:
        try:
            self.fs.delete(self._partial, True)
        except Exception:  # noqa: BLE001 - the failure being reported matters more than this one
            pass

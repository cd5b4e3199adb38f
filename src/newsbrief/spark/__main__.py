"""``python -m newsbrief.spark run INPUT OUTPUT`` (and ``spark-submit`` of this package's job)."""

import sys

from newsbrief.spark.job import main

if __name__ == "__main__":
    sys.exit(main())

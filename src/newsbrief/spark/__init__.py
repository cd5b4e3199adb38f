"""The Apache Spark adapter: the library's pipeline over millions of articles.

    python -m newsbrief.spark run INPUT OUTPUT [--master URL] [--format jsonl|parquet]

``job`` wires Spark (pyspark is imported only there, inside functions);
``blocking`` finds the groups of articles clustered apart; ``parts`` holds the plain
functions Spark calls on rows, each a thin
call into the library. Importing this package does not import pyspark.
"""

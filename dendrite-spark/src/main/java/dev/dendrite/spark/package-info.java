/**
 * Data-parallel training on Apache Spark: {@link dev.dendrite.spark.SparkTrainer} in its two modes
 * (synchronous gradient averaging, parameter averaging every K local steps), the data helpers that
 * turn CSV, Parquet and IDX files into the columns it reads ({@link dev.dendrite.spark.SparkData}),
 * its checkpoints and the {@code spark-train} command. What runs on executors is in the package too
 * ({@code Replica}, {@code RoundTasks}); the model travels as its architecture JSON plus flat weight
 * arrays, never as serialized Java modules. See {@code docs/distributed.md}.
 */
package dev.dendrite.spark;

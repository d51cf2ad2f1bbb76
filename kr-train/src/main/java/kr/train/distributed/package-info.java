/**
 * Data-parallel training on TensorFlow's own distributed runtime: one gRPC server per task ({@link
 * kr.train.distributed.TaskServer}) for a cluster given as {@code host:port,...} plus a task index
 * ({@link kr.train.distributed.ClusterSpec}), a session on a {@code grpc://} target ({@link
 * kr.train.distributed.TargetSessions}), the mean of the gradients over tasks or local devices with
 * collective all-reduce ({@link kr.train.distributed.GradientAllReduce}) and the per-task share of
 * each global batch ({@link kr.train.distributed.BatchShard}). {@link
 * kr.train.distributed.CollectiveFailure} names the peer a failed step lost; {@link
 * kr.train.distributed.LocalCluster} runs {@code N} tasks of one cluster as child processes on this
 * machine.
 *
 * <p>Every task builds the same graph (between-graph replication), runs it against its own server,
 * and places its ops on its own task; the collectives meet on group and instance keys. TensorFlow
 * cannot stop a server ({@code Server.stop()} is unimplemented), so a task is a process and ends
 * with it.
 */
package kr.train.distributed;

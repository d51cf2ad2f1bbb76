/**
 * Data-parallel training on TensorFlow's own distributed runtime.
 *
 * <p>{@link kr.train.distributed.DataParallel} lays out a run from its {@code
 * kr.train.config.ParallelConfig}: towers in this process, one per (virtual CPU) device, sharing
 * one copy of the variables (in-graph replication); tasks over gRPC, one process each, each with
 * its own copy (between-graph replication), averaging their gradients with a collective all-reduce
 * ({@link kr.train.distributed.GradientAllReduce}, fused into one tensor). {@link
 * kr.train.distributed.SyncBatchStatistics} synchronises BatchNorm over every replica; {@link
 * kr.train.distributed.Collectives} builds the {@code CollectiveReduce} ops, numbers their instance
 * keys and registers their gradient.
 *
 * <p>A task is one gRPC server ({@link kr.train.distributed.TaskServer}) for a cluster given as
 * {@code host:port,...} plus a task index ({@link kr.train.distributed.ClusterSpec}), and a session
 * on it ({@link kr.train.distributed.TargetSessions}, since TensorFlow Java's sessions take no
 * target). Every task builds the same graph and places its ops on its own task; the collectives
 * meet on group and instance keys. {@link kr.train.distributed.CollectiveFailure} names the peer a
 * failed step lost, {@link kr.train.distributed.PeerWatchdog} notices a dead peer within seconds,
 * and {@link kr.train.distributed.LocalCluster} runs {@code N} tasks of one cluster as child
 * processes on this machine. TensorFlow cannot stop a server ({@code Server.stop()} is
 * unimplemented), so a task is a process and ends with it.
 */
package kr.train.distributed;

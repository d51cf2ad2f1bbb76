package kr.train.config;

import java.nio.file.Path;
import kr.core.graph.Checks;

/**
 * Where and how a run executes: its directory, whether it continues an earlier run there,
 * checkpoint retention, TensorFlow threads, the progress bar and the spread over devices and
 * processes. None of these change the numbers a run produces, except float rounding (threads other
 * than 1, 1; more than one replica) and, for a replicated run without synchronised BatchNorm, the
 * batch statistics BatchNorm normalises with ({@link ParallelConfig}).
 *
 * @param outDir the run directory
 * @param resume continue from the newest checkpoint in {@code outDir}
 * @param keepCheckpoints how many step checkpoints to keep (the best is kept apart)
 * @param intraOpThreads TensorFlow intra-op threads (0: TensorFlow's default)
 * @param interOpThreads TensorFlow inter-op threads (0: TensorFlow's default)
 * @param progress show a progress bar on stderr
 * @param skipGraphOptimizer run without TensorFlow's graph optimizer (Grappler): on a large graph
 *     the first step then starts in seconds rather than a minute, but every step runs unoptimised;
 *     for runs of a few steps (smoke tests), never for training ({@code false} in files written
 *     before the field existed)
 * @param xla compile the graph's clusters with XLA (TensorFlow's auto-clustering, {@code
 *     GlobalJitLevel.ON_1}); on CPU the process also needs {@code --tf_xla_cpu_global_jit} in the
 *     {@code TF_XLA_FLAGS} environment variable, which {@code ./kr} sets ({@code false} in files
 *     written before the field existed)
 * @param parallel devices and cluster tasks ({@link ParallelConfig#SINGLE}: one device, one
 *     process; a file written before this field existed reads as that)
 */
public record RunConfig(
    Path outDir,
    boolean resume,
    int keepCheckpoints,
    int intraOpThreads,
    int interOpThreads,
    boolean progress,
    boolean skipGraphOptimizer,
    boolean xla,
    ParallelConfig parallel) {

  public static final int DEFAULT_KEEP_CHECKPOINTS = 3;

  public RunConfig {
    Checks.notNull("outDir", outDir);
    Checks.positive("keepCheckpoints", keepCheckpoints);
    Checks.nonNegative("intraOpThreads", intraOpThreads);
    Checks.nonNegative("interOpThreads", interOpThreads);
    parallel = parallel == null ? ParallelConfig.SINGLE : parallel;
  }

  /** A fresh run in {@code outDir}: default retention and threads, progress bar on. */
  public static RunConfig in(Path outDir) {
    return new RunConfig(
        outDir, false, DEFAULT_KEEP_CHECKPOINTS, 0, 0, true, false, false, ParallelConfig.SINGLE);
  }

  public RunConfig withResume(boolean v) {
    return new RunConfig(
        outDir,
        v,
        keepCheckpoints,
        intraOpThreads,
        interOpThreads,
        progress,
        skipGraphOptimizer,
        xla,
        parallel);
  }

  public RunConfig withKeepCheckpoints(int v) {
    return new RunConfig(
        outDir,
        resume,
        v,
        intraOpThreads,
        interOpThreads,
        progress,
        skipGraphOptimizer,
        xla,
        parallel);
  }

  /** Intra- and inter-op threads (1 and 1 give the most reproducible numbers). */
  public RunConfig withThreads(int intraOp, int interOp) {
    return new RunConfig(
        outDir,
        resume,
        keepCheckpoints,
        intraOp,
        interOp,
        progress,
        skipGraphOptimizer,
        xla,
        parallel);
  }

  public RunConfig withProgress(boolean v) {
    return new RunConfig(
        outDir,
        resume,
        keepCheckpoints,
        intraOpThreads,
        interOpThreads,
        v,
        skipGraphOptimizer,
        xla,
        parallel);
  }

  /** With or without TensorFlow's graph optimizer (see {@link #skipGraphOptimizer}). */
  public RunConfig withSkipGraphOptimizer(boolean v) {
    return new RunConfig(
        outDir,
        resume,
        keepCheckpoints,
        intraOpThreads,
        interOpThreads,
        progress,
        v,
        xla,
        parallel);
  }

  /** The spread over devices and cluster tasks. */
  public RunConfig withParallel(ParallelConfig v) {
    return new RunConfig(
        outDir,
        resume,
        keepCheckpoints,
        intraOpThreads,
        interOpThreads,
        progress,
        skipGraphOptimizer,
        xla,
        Checks.notNull("parallel", v));
  }

  /** With or without XLA auto-clustering (see {@link #xla}). */
  public RunConfig withXla(boolean v) {
    return new RunConfig(
        outDir,
        resume,
        keepCheckpoints,
        intraOpThreads,
        interOpThreads,
        progress,
        skipGraphOptimizer,
        v,
        parallel);
  }
}

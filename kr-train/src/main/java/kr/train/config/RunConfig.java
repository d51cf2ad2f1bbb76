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
    return builder(outDir).build();
  }

  /** A builder of a fresh run in {@code outDir}, with the defaults of {@link #in}. */
  public static Builder builder(Path outDir) {
    return new Builder(Checks.notNull("outDir", outDir));
  }

  /** A builder holding every field of this configuration. */
  public Builder toBuilder() {
    Builder b = new Builder(outDir);
    b.resume = resume;
    b.keepCheckpoints = keepCheckpoints;
    b.intraOpThreads = intraOpThreads;
    b.interOpThreads = interOpThreads;
    b.progress = progress;
    b.skipGraphOptimizer = skipGraphOptimizer;
    b.xla = xla;
    b.parallel = parallel;
    return b;
  }

  public RunConfig withResume(boolean v) {
    return toBuilder().resume(v).build();
  }

  public RunConfig withKeepCheckpoints(int v) {
    return toBuilder().keepCheckpoints(v).build();
  }

  /** Intra- and inter-op threads (1 and 1 give the most reproducible numbers). */
  public RunConfig withThreads(int intraOp, int interOp) {
    return toBuilder().threads(intraOp, interOp).build();
  }

  public RunConfig withProgress(boolean v) {
    return toBuilder().progress(v).build();
  }

  /** With or without TensorFlow's graph optimizer (see {@link #skipGraphOptimizer}). */
  public RunConfig withSkipGraphOptimizer(boolean v) {
    return toBuilder().skipGraphOptimizer(v).build();
  }

  /** The spread over devices and cluster tasks. */
  public RunConfig withParallel(ParallelConfig v) {
    return toBuilder().parallel(v).build();
  }

  /** With or without XLA auto-clustering (see {@link #xla}). */
  public RunConfig withXla(boolean v) {
    return toBuilder().xla(v).build();
  }

  /** Builds a {@link RunConfig}; {@link #build} checks the values. */
  public static final class Builder {
    private final Path outDir;
    private boolean resume;
    private int keepCheckpoints = DEFAULT_KEEP_CHECKPOINTS;
    private int intraOpThreads;
    private int interOpThreads;
    private boolean progress = true;
    private boolean skipGraphOptimizer;
    private boolean xla;
    private ParallelConfig parallel = ParallelConfig.SINGLE;

    private Builder(Path outDir) {
      this.outDir = outDir;
    }

    public Builder resume(boolean v) {
      resume = v;
      return this;
    }

    public Builder keepCheckpoints(int v) {
      keepCheckpoints = v;
      return this;
    }

    /** Intra- and inter-op threads (0: TensorFlow's default). */
    public Builder threads(int intraOp, int interOp) {
      intraOpThreads = intraOp;
      interOpThreads = interOp;
      return this;
    }

    public Builder progress(boolean v) {
      progress = v;
      return this;
    }

    public Builder skipGraphOptimizer(boolean v) {
      skipGraphOptimizer = v;
      return this;
    }

    public Builder xla(boolean v) {
      xla = v;
      return this;
    }

    public Builder parallel(ParallelConfig v) {
      parallel = Checks.notNull("parallel", v);
      return this;
    }

    public RunConfig build() {
      return new RunConfig(
          outDir,
          resume,
          keepCheckpoints,
          intraOpThreads,
          interOpThreads,
          progress,
          skipGraphOptimizer,
          xla,
          parallel);
    }
  }
}

package kr.train.config;

import java.nio.file.Path;
import kr.core.graph.Checks;

/**
 * Where and how a run executes: its directory, whether it continues an earlier run there,
 * checkpoint retention, TensorFlow threads and the progress bar. None of these change the numbers a
 * run produces (except that threads other than 1, 1 may change float rounding).
 *
 * @param outDir the run directory
 * @param resume continue from the newest checkpoint in {@code outDir}
 * @param keepCheckpoints how many step checkpoints to keep (the best is kept apart)
 * @param intraOpThreads TensorFlow intra-op threads (0: TensorFlow's default)
 * @param interOpThreads TensorFlow inter-op threads (0: TensorFlow's default)
 * @param progress show a progress bar on stderr
 */
public record RunConfig(
    Path outDir,
    boolean resume,
    int keepCheckpoints,
    int intraOpThreads,
    int interOpThreads,
    boolean progress) {

  public static final int DEFAULT_KEEP_CHECKPOINTS = 3;

  public RunConfig {
    Checks.notNull("outDir", outDir);
    Checks.positive("keepCheckpoints", keepCheckpoints);
    Checks.nonNegative("intraOpThreads", intraOpThreads);
    Checks.nonNegative("interOpThreads", interOpThreads);
  }

  /** A fresh run in {@code outDir}: default retention and threads, progress bar on. */
  public static RunConfig in(Path outDir) {
    return new RunConfig(outDir, false, DEFAULT_KEEP_CHECKPOINTS, 0, 0, true);
  }

  public RunConfig withResume(boolean v) {
    return new RunConfig(outDir, v, keepCheckpoints, intraOpThreads, interOpThreads, progress);
  }

  public RunConfig withKeepCheckpoints(int v) {
    return new RunConfig(outDir, resume, v, intraOpThreads, interOpThreads, progress);
  }

  /** Intra- and inter-op threads (1 and 1 give the most reproducible numbers). */
  public RunConfig withThreads(int intraOp, int interOp) {
    return new RunConfig(outDir, resume, keepCheckpoints, intraOp, interOp, progress);
  }

  public RunConfig withProgress(boolean v) {
    return new RunConfig(outDir, resume, keepCheckpoints, intraOpThreads, interOpThreads, v);
  }
}

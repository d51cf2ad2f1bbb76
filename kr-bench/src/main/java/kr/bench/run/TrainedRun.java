package kr.bench.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import kr.core.graph.Checks;
import kr.train.RunConfigFile;
import kr.train.RunDirectory;
import kr.train.checkpoint.CheckpointManager;

/**
 * A run directory written by {@code kr train} whose {@code config.json} describes the model: the
 * directory, its config file and the {@link ModelSpec} read from the file's model section.
 *
 * @param directory the run directory
 * @param config its {@code config.json}
 * @param model the model section in effect now
 */
public record TrainedRun(RunDirectory directory, RunConfigFile config, ModelSpec model) {

  /** The file {@code kr eval} writes into a run directory. */
  public static final String EVAL = "eval.json";

  public TrainedRun {
    Checks.notNull("directory", directory);
    Checks.notNull("config", config);
    Checks.notNull("model", model);
  }

  /**
   * Reads the run in {@code dir}.
   *
   * @throws IllegalArgumentException one line naming {@code dir} or its {@code config.json} when it
   *     is not a directory, has no {@code config.json}, the file cannot be read or parsed, or its
   *     model section is not a {@link ModelSpec}
   */
  public static TrainedRun open(Path dir) {
    Checks.notNull("dir", dir);
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("--run " + dir + " is not a directory");
    }
    RunDirectory rd = new RunDirectory(dir);
    if (!rd.hasConfig()) {
      throw new IllegalArgumentException(
          "--run " + dir + " has no " + RunDirectory.CONFIG + " (not a directory kr train wrote)");
    }
    return read(rd);
  }

  /**
   * The run a checkpoint belongs to: the nearest parent directory holding a {@code config.json}, if
   * any (runs written before config.json described the model have none).
   *
   * @throws IOException when that {@code config.json} cannot be read or parsed
   */
  public static Optional<TrainedRun> ofCheckpoint(Path checkpoint) throws IOException {
    Checks.notNull("checkpoint", checkpoint);
    for (Path p = checkpoint.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
      RunDirectory rd = new RunDirectory(p);
      if (rd.hasConfig()) {
        RunConfigFile c;
        try {
          c = rd.readConfig();
        } catch (IOException e) {
          throw new IllegalArgumentException(e.getMessage(), e);
        }
        return c.effectiveModel().isEmpty() ? Optional.empty() : Optional.of(read(rd));
      }
    }
    return Optional.empty();
  }

  private static TrainedRun read(RunDirectory rd) {
    RunConfigFile c;
    try {
      c = rd.readConfig();
    } catch (IOException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    if (c.effectiveModel().isEmpty()) {
      throw new IllegalArgumentException(
          rd.config() + " has no model section: pass the model flags and --checkpoint instead");
    }
    ModelSpec spec;
    try {
      spec = c.model(ModelSpec.class);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(rd.config() + ": " + e.getMessage(), e);
    }
    return new TrainedRun(rd, c, spec);
  }

  /**
   * The checkpoint to evaluate.
   *
   * @throws IllegalArgumentException one line naming the run when it has no such checkpoint
   */
  public Path checkpoint(Which which) {
    Checks.notNull("which", which);
    CheckpointManager m = new CheckpointManager(directory.checkpoints(), 1);
    if (which == Which.BEST) {
      if (!Files.isRegularFile(m.bestPath())) {
        throw new IllegalArgumentException(
            "--run "
                + directory.dir()
                + " has no "
                + m.bestPath().getFileName()
                + " yet; try --which last");
      }
      return m.bestPath();
    }
    List<Path> steps = m.list();
    if (steps.isEmpty()) {
      throw new IllegalArgumentException(
          "--run " + directory.dir() + " has no checkpoint yet (" + directory.checkpoints() + ")");
    }
    return steps.get(0);
  }

  /** Where {@code kr eval} writes its result. */
  public Path evalFile() {
    return directory.dir().resolve(EVAL);
  }
}

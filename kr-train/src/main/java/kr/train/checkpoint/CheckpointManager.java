package kr.train.checkpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import kr.core.graph.Checks;

/**
 * The checkpoints of one run directory: {@code step-NNNNNNNNN.krckpt} per save (end of epoch or
 * interrupt), named by global step, of which the last {@code keep} are kept, plus {@code
 * best.krckpt}, the one with the best evaluation top-1.
 */
public final class CheckpointManager {
  public static final String SUFFIX = ".krckpt";
  public static final String BEST = "best" + SUFFIX;
  private static final Pattern STEP = Pattern.compile("step-(\\d+)" + Pattern.quote(SUFFIX));

  private final Path dir;
  private final int keep;

  public CheckpointManager(Path dir, int keep) {
    this.dir = Checks.notNull("dir", dir);
    this.keep = Checks.positive("keep", keep);
  }

  public Path dir() {
    return dir;
  }

  /** The file a save at {@code globalStep} goes to. */
  public Path pathFor(long globalStep) {
    return dir.resolve(String.format("step-%09d%s", globalStep, SUFFIX));
  }

  public Path bestPath() {
    return dir.resolve(BEST);
  }

  /** Saves atomically at {@code globalStep}, then deletes all but the last {@code keep}. */
  public Path save(Checkpoint c, long globalStep) throws IOException {
    Path p = pathFor(globalStep);
    CheckpointFile.write(p, c);
    prune();
    return p;
  }

  /** Saves atomically as the best checkpoint. */
  public Path saveBest(Checkpoint c) throws IOException {
    CheckpointFile.write(bestPath(), c);
    return bestPath();
  }

  /** Step checkpoints, newest first. */
  public List<Path> list() {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> STEP.matcher(p.getFileName().toString()).matches())
          .sorted(Comparator.comparingLong(CheckpointManager::stepOf).reversed())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static long stepOf(Path p) {
    Matcher m = STEP.matcher(p.getFileName().toString());
    return m.matches() ? Long.parseLong(m.group(1)) : -1;
  }

  /**
   * The newest checkpoint that reads and verifies; corrupt ones are reported to {@code warn} and
   * skipped.
   *
   * @throws CheckpointVersionException if the newest readable one has another format version
   *     (skipping it would silently restart the run)
   * @throws UncheckedIOException if a checkpoint cannot be read at all
   */
  public Optional<Loaded> latest(Consumer<String> warn) throws CheckpointVersionException {
    for (Path p : list()) {
      try {
        return Optional.of(new Loaded(p, CheckpointFile.read(p)));
      } catch (CorruptCheckpointException e) {
        warn.accept("skipping unreadable checkpoint " + p + ": " + e.getMessage());
      } catch (CheckpointVersionException e) {
        throw e;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return Optional.empty();
  }

  /** Deletes temporary files left by a process killed during a write. */
  public void removeStaleTemporaries() throws IOException {
    AtomicFiles.removeTemporaries(dir);
  }

  private void prune() throws IOException {
    List<Path> all = list();
    for (int i = keep; i < all.size(); i++) {
      Files.deleteIfExists(all.get(i));
    }
  }

  /** A checkpoint and the file it came from. */
  public record Loaded(Path path, Checkpoint checkpoint) {}
}

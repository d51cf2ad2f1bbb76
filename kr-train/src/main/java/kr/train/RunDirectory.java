package kr.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import kr.core.graph.Checks;
import kr.train.checkpoint.CheckpointFile;
import kr.train.checkpoint.CheckpointManager;
import org.tensorflow.TensorFlow;

/**
 * The files of one run: {@code config.json} (the resolved configuration, a {@link RunConfigFile}),
 * {@code run.json} (git commit, machine, model, data), {@code metrics.jsonl} and {@code
 * metrics.csv} (one line per epoch) and {@code checkpoints/}.
 */
public final class RunDirectory {
  public static final String CONFIG = "config.json";
  public static final String RUN = "run.json";
  public static final String METRICS_JSONL = "metrics.jsonl";
  public static final String METRICS_CSV = "metrics.csv";
  public static final String CHECKPOINTS = "checkpoints";

  private final Path dir;

  public RunDirectory(Path dir) {
    this.dir = Checks.notNull("dir", dir);
  }

  public Path dir() {
    return dir;
  }

  public Path checkpoints() {
    return dir.resolve(CHECKPOINTS);
  }

  public Path metricsJsonl() {
    return dir.resolve(METRICS_JSONL);
  }

  public Path metricsCsv() {
    return dir.resolve(METRICS_CSV);
  }

  public Path config() {
    return dir.resolve(CONFIG);
  }

  /** Whether the run has a {@code config.json}. */
  public boolean hasConfig() {
    return Files.isRegularFile(config());
  }

  /**
   * Reads {@code config.json}.
   *
   * @throws IOException with one line naming the file if it is missing, not JSON, of another format
   *     version or invalid
   */
  public RunConfigFile readConfig() throws IOException {
    if (!hasConfig()) {
      throw new NoSuchFileException(
          config().toString(), null, "no config.json: not a run directory");
    }
    return RunConfigFile.parse(Files.readString(config(), StandardCharsets.UTF_8), config());
  }

  /** Writes {@code config.json} atomically (replacing an older one). */
  public void writeConfig(RunConfigFile file) throws IOException {
    Files.createDirectories(dir);
    writeAtomically(config(), file.toJson() + "\n");
  }

  /** Writes run.json (replacing an older one): git commit, start time, machine, and extra. */
  void writeRunInfo(Map<String, Object> extra) throws IOException {
    Files.createDirectories(dir);
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("git_commit", gitCommit());
    run.put("started", Instant.now().toString());
    run.put("machine", machine());
    run.putAll(extra);
    writeAtomically(dir.resolve(RUN), Json.write(run) + "\n");
  }

  /** Appends one epoch to both metrics files (the CSV header first if the file is new). */
  void append(EpochMetrics m) throws IOException {
    Files.writeString(
        metricsJsonl(),
        m.toJson() + "\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    if (!Files.exists(metricsCsv())) {
      Files.writeString(
          metricsCsv(), String.join(",", EpochMetrics.COLUMNS) + "\n", StandardCharsets.UTF_8);
    }
    Files.writeString(
        metricsCsv(), m.toCsv() + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
  }

  /** Rewrites both metrics files from a history (on resume, from the checkpoint's). */
  void rewrite(List<EpochMetrics> history) throws IOException {
    StringBuilder jsonl = new StringBuilder();
    StringBuilder csv = new StringBuilder(String.join(",", EpochMetrics.COLUMNS)).append('\n');
    for (EpochMetrics m : history) {
      jsonl.append(m.toJson()).append('\n');
      csv.append(m.toCsv()).append('\n');
    }
    writeAtomically(metricsJsonl(), jsonl.toString());
    writeAtomically(metricsCsv(), csv.toString());
  }

  /** Whether this directory already holds a run's checkpoints. */
  boolean hasCheckpoints() {
    return !new CheckpointManager(checkpoints(), 1).list().isEmpty();
  }

  static void writeAtomically(Path target, String text) throws IOException {
    Path tmp = CheckpointFile.temporarySibling(target, ".tmp");
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** {@code git rev-parse HEAD} in the working directory, or "unknown". */
  public static String gitCommit() {
    try {
      Process p = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
      p.getOutputStream().close();
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return "unknown";
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return p.exitValue() == 0 && out.matches("[0-9a-f]{40}") ? out : "unknown";
    } catch (IOException e) {
      return "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }

  /** OS, cores, memory, Java and TensorFlow versions. */
  public static Map<String, Object> machine() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(
        "os",
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch"));
    m.put("cores", Runtime.getRuntime().availableProcessors());
    m.put("max_heap_mb", Runtime.getRuntime().maxMemory() >> 20);
    m.put(
        "java",
        System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
    String tfVersion;
    try {
      tfVersion = TensorFlow.version();
    } catch (RuntimeException | LinkageError e) {
      tfVersion = "unknown";
    }
    m.put("tensorflow", tfVersion);
    return m;
  }
}

package kr.bench.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.stream.Stream;
import kr.core.graph.Checks;
import kr.train.Json;
import kr.train.RunConfigFile;
import kr.train.RunDirectory;
import kr.train.checkpoint.CheckpointManager;

/**
 * One line of {@code kr runs}: what a run directory says about itself, from its {@code
 * config.json}, {@code metrics.jsonl} and checkpoints.
 *
 * @param dir the run directory
 * @param backbone the recorded backbone, or {@code ?} when config.json has no model section
 * @param method the recorded method ({@code kr4x}, {@code static}, ...), or {@code ?}
 * @param epochsDone epochs in {@code metrics.jsonl}
 * @param epochs epochs the run is configured for
 * @param bestTop1 the best test top-1 of those epochs, if any
 * @param params the model's trainable parameters as {@code run.json} records them (absent for runs
 *     started before it did)
 * @param checkpoints checkpoint files kept, best included
 * @param checkpointBytes bytes of every checkpoint file, best included
 */
public record RunSummary(
    Path dir,
    String backbone,
    String method,
    int epochsDone,
    int epochs,
    OptionalDouble bestTop1,
    OptionalLong params,
    int checkpoints,
    long checkpointBytes) {

  public RunSummary {
    Checks.notNull("dir", dir);
    Checks.notNull("backbone", backbone);
    Checks.notNull("method", method);
    Checks.notNull("bestTop1", bestTop1);
    Checks.notNull("params", params);
  }

  /**
   * The run directories under {@code root} (any depth up to 8), sorted by path.
   *
   * @throws IllegalArgumentException one line naming a run whose config.json cannot be read
   */
  public static List<RunSummary> under(Path root) {
    Checks.notNull("root", root);
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(root, 8)) {
      List<Path> dirs =
          s.filter(p -> Files.isRegularFile(p.resolve(RunDirectory.CONFIG))).sorted().toList();
      List<RunSummary> out = new ArrayList<>();
      for (Path d : dirs) {
        out.add(of(d));
      }
      return List.copyOf(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The summary of one run directory. */
  public static RunSummary of(Path dir) throws IOException {
    RunDirectory rd = new RunDirectory(dir);
    RunConfigFile c;
    try {
      c = rd.readConfig();
    } catch (IOException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    String backbone = "?";
    String method = "?";
    if (!c.effectiveModel().isEmpty()) {
      ModelSpec m = c.model(ModelSpec.class);
      backbone = m.backbone();
      method = m.methodLabel();
    }
    int done = 0;
    double best = Double.NEGATIVE_INFINITY;
    if (Files.isRegularFile(rd.metricsJsonl())) {
      for (String line : Files.readAllLines(rd.metricsJsonl(), StandardCharsets.UTF_8)) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode n = Json.mapper().readTree(line);
        done++;
        JsonNode t = n.get("test_top1");
        if (t != null && t.isNumber() && t.asDouble() > best) {
          best = t.asDouble();
        }
      }
    }
    OptionalLong params = OptionalLong.empty();
    Path runJson = dir.resolve(RunDirectory.RUN);
    if (Files.isRegularFile(runJson)) {
      JsonNode p = Json.mapper().readTree(Files.readString(runJson)).get("params");
      if (p != null && p.canConvertToLong()) {
        params = OptionalLong.of(p.asLong());
      }
    }
    CheckpointManager ckpts = new CheckpointManager(rd.checkpoints(), 1);
    List<Path> steps = ckpts.list();
    long bytes = 0;
    for (Path p : steps) {
      bytes += Files.size(p);
    }
    int files = steps.size();
    if (Files.isRegularFile(ckpts.bestPath())) {
      bytes += Files.size(ckpts.bestPath());
      files++;
    }
    return new RunSummary(
        dir,
        backbone,
        method,
        done,
        c.effective().loop().epochs(),
        best == Double.NEGATIVE_INFINITY ? OptionalDouble.empty() : OptionalDouble.of(best),
        params,
        files,
        bytes);
  }
}

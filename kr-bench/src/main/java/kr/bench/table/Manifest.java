package kr.bench.table;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import kr.bench.plot.MetricsLog;
import kr.bench.report.RunInfo;
import kr.bench.speed.SpeedBenchmark;
import kr.train.EpochMetrics;
import kr.train.Json;
import kr.train.RunDirectory;
import kr.train.TrainConfig;
import org.tensorflow.TensorFlow;

/**
 * {@code manifest.json}: how a table run was made — command, commit, date, JVM, TensorFlow, CPU
 * model and cores, seeds, wall time and training images/s per run and the resolved settings of
 * every row.
 */
final class Manifest {
  private Manifest() {}

  static String json(TableRunner.Plan plan, Map<String, Double> wallSeconds) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("command", plan.command());
    m.put("commit", RunInfo.gitCommit());
    m.put("date", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    m.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    m.put("tensorflow", TensorFlow.version());
    m.put("cpu", cpuModel());
    m.put("cores", Runtime.getRuntime().availableProcessors());
    m.put("table", plan.table().number());
    m.put("protocol", plan.protocolName());
    m.put("protocol_mapping", plan.describe());
    m.put("seeds", plan.seeds());
    m.put("tensorflow_threads", plan.threads().label());
    List<Map<String, Object>> rows = new ArrayList<>();
    for (RunData d : plan.data()) {
      for (RowSpec r : plan.rows()) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", r.id());
        row.put("dataset", d.dataset());
        row.put("paper_dataset", d.paperDataset());
        row.put("backbone", r.backbone());
        row.put("trained_backbone", r.backboneFor(plan.protocol()));
        row.put("variant", RowModels.method(r).name());
        row.put("input", d.input().height() + "x" + d.input().width() + "x" + d.input().channels());
        row.put("classes", d.classes());
        TrainConfig c = plan.trainConfig(r, 0, plan.out(), true);
        Map<String, Object> train = new LinkedHashMap<>();
        train.put("optimizer", Json.mapper().convertValue(c.optimizer(), Map.class));
        Map<?, ?> loop = Json.mapper().convertValue(c.loop(), Map.class);
        loop.remove("seed");
        train.put("loop", loop);
        row.put("train", train);
        Map<String, Object> wall = new LinkedHashMap<>();
        Map<String, Object> speed = new LinkedHashMap<>();
        for (int s = 0; s < plan.seeds(); s++) {
          Path runDir = plan.runDir(r, d, s);
          Double w = wallSeconds.get(runDir.toString());
          if (w != null) {
            wall.put("seed-" + s, w);
          }
          int seed = s;
          trainImagesPerSecond(runDir).ifPresent(v -> speed.put("seed-" + seed, v));
        }
        row.put("wall_seconds", wall);
        row.put("train_images_per_second", speed);
        rows.add(row);
      }
    }
    m.put("rows", rows);
    return TableReport.write(m);
  }

  /**
   * The median over a run's epochs of its training images/s (the trainer's {@code images_per_sec},
   * training steps only), or empty while the run has no readable {@code metrics.jsonl}.
   */
  static OptionalDouble trainImagesPerSecond(Path runDir) {
    if (!Files.isRegularFile(new RunDirectory(runDir).metricsJsonl())) {
      return OptionalDouble.empty();
    }
    List<Double> perEpoch;
    try {
      perEpoch =
          MetricsLog.read(runDir).stream()
              .map(EpochMetrics::imagesPerSecond)
              .filter(Double::isFinite)
              .sorted()
              .toList();
    } catch (IllegalArgumentException | UncheckedIOException e) {
      return OptionalDouble.empty();
    }
    return perEpoch.isEmpty()
        ? OptionalDouble.empty()
        : OptionalDouble.of(SpeedBenchmark.median(perEpoch));
  }

  static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: fall through
    }
    return System.getProperty("os.arch");
  }
}

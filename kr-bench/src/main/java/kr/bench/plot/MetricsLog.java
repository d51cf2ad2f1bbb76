package kr.bench.plot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kr.train.EpochMetrics;
import kr.train.RunDirectory;

/**
 * Reads a run directory's {@code metrics.jsonl} (one {@link EpochMetrics} object per line, keys
 * {@link EpochMetrics#COLUMNS}; {@code null}, or the strings the trainer's JSON writer uses, {@code
 * "NaN"}, {@code "Infinity"} and {@code "-Infinity"}, stand for non-finite numbers) with Jackson.
 * The trainer replaces the file atomically, so it never ends in a torn line; one that does (a last
 * line without its newline that does not parse) is skipped.
 */
public final class MetricsLog {
  private static final ObjectMapper JSON = new ObjectMapper();

  private MetricsLog() {}

  /**
   * The epochs of the run in {@code runDir}, in file order.
   *
   * @throws IllegalArgumentException naming the file (and line) if it is missing, empty or
   *     malformed
   */
  public static List<EpochMetrics> read(Path runDir) {
    Path file = new RunDirectory(runDir).metricsJsonl();
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          "no " + RunDirectory.METRICS_JSONL + " in run directory " + runDir);
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    List<String> lines = text.lines().toList();
    boolean unterminated = !text.isEmpty() && !text.endsWith("\n");
    List<EpochMetrics> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      String where = file + ":" + (i + 1);
      if (unterminated && i == lines.size() - 1) {
        try {
          out.add(parse(lines.get(i), where));
        } catch (IllegalArgumentException torn) {
          // A last line without its newline that does not parse is an append cut short (a file
          // from an older build, or one copied while being written): the epochs before it stand.
        }
      } else {
        out.add(parse(lines.get(i), where));
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(file + " has no epochs");
    }
    return List.copyOf(out);
  }

  /** One line; {@code where} names it in errors. */
  static EpochMetrics parse(String line, String where) {
    JsonNode n;
    try {
      n = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(where + ": not JSON: " + e.getOriginalMessage());
    }
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException(where + ": expected a JSON object per line");
    }
    return new EpochMetrics(
        (int) integer(n, "epoch", where),
        integer(n, "step", where),
        number(n, "lr", where),
        number(n, "temperature", where),
        number(n, "train_loss", where),
        number(n, "train_top1", where),
        number(n, "test_loss", where),
        number(n, "test_top1", where),
        number(n, "test_top5", where),
        number(n, "images_per_sec", where),
        number(n, "seconds", where));
  }

  private static JsonNode field(JsonNode n, String key, String where) {
    JsonNode v = n.get(key);
    if (v == null) {
      throw new IllegalArgumentException(where + ": missing field '" + key + "'");
    }
    return v;
  }

  private static long integer(JsonNode n, String key, String where) {
    JsonNode v = field(n, key, where);
    if (!v.canConvertToLong() || !v.isIntegralNumber()) {
      throw new IllegalArgumentException(
          where + ": field '" + key + "' must be an integer, got " + v);
    }
    return v.asLong();
  }

  private static double number(JsonNode n, String key, String where) {
    JsonNode v = field(n, key, where);
    if (v.isNull()) {
      return Double.NaN;
    }
    if (v.isTextual()) {
      switch (v.asText()) {
        case "NaN":
          return Double.NaN;
        case "Infinity":
          return Double.POSITIVE_INFINITY;
        case "-Infinity":
          return Double.NEGATIVE_INFINITY;
        default:
          break;
      }
    }
    if (!v.isNumber()) {
      throw new IllegalArgumentException(
          where + ": field '" + key + "' must be a number, got " + v);
    }
    return v.asDouble();
  }
}

package kr.bench.table;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import kr.core.graph.Checks;

/**
 * One finished (row, dataset, seed) run, as its {@code done.json} marker holds it.
 *
 * @param row the row id
 * @param dataset the dataset trained on
 * @param seed the training seed
 * @param diverged true when the loss became NaN/infinite (then {@code top1} is NaN)
 * @param epochs epochs trained
 * @param steps training steps
 * @param top1 test top-1 after the last epoch, in percent
 * @param bestTop1 the best test top-1 over the epochs, in percent (reported, never used for the
 *     table: it is selected on the test set)
 * @param trainLoss training loss of the last epoch
 * @param params trainable parameters of the model as trained
 * @param macs multiply-accumulates per image at the input as trained
 * @param wallSeconds wall-clock seconds of the run's epochs (over all attempts)
 */
public record RunResult(
    String row,
    String dataset,
    long seed,
    boolean diverged,
    int epochs,
    long steps,
    double top1,
    double bestTop1,
    double trainLoss,
    long params,
    long macs,
    double wallSeconds) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public RunResult {
    Checks.notNull("row", row);
    Checks.notNull("dataset", dataset);
  }

  /** The fields as a JSON-ready map (NaN written as null). */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("row", row);
    m.put("dataset", dataset);
    m.put("seed", seed);
    m.put("diverged", diverged);
    m.put("epochs", epochs);
    m.put("steps", steps);
    m.put("top1", finite(top1));
    m.put("best_top1", finite(bestTop1));
    m.put("train_loss", finite(trainLoss));
    m.put("params", params);
    m.put("macs", macs);
    m.put("wall_seconds", wallSeconds);
    return m;
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  public String toJson() {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(toMap()) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads a {@code done.json}; {@code source} names it in errors. */
  public static RunResult fromJson(String source, String json) {
    try {
      JsonNode n = JSON.readTree(json);
      return new RunResult(
          n.get("row").asText(),
          n.get("dataset").asText(),
          n.get("seed").asLong(),
          n.get("diverged").asBoolean(),
          n.get("epochs").asInt(),
          n.get("steps").asLong(),
          num(n, "top1"),
          num(n, "best_top1"),
          num(n, "train_loss"),
          n.get("params").asLong(),
          n.get("macs").asLong(),
          n.get("wall_seconds").asDouble());
    } catch (JsonProcessingException | NullPointerException e) {
      throw new IllegalArgumentException(
          source + ": not a run marker (" + e.getMessage() + "); delete it to rerun that run");
    }
  }

  private static double num(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? Double.NaN : v.asDouble();
  }
}

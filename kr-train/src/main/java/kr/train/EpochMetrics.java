package kr.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One line of {@code metrics.jsonl} / {@code metrics.csv}.
 *
 * @param epoch the epoch just finished, from 1
 * @param step global steps taken so far
 * @param lr the learning rate of the epoch's last step
 * @param temperature the temperature of the epoch's last step (1 without a schedule)
 * @param trainLoss mean training loss over the epoch (with label smoothing if configured)
 * @param trainTop1 training top-1 over the epoch (training mode, as the batches were seen)
 * @param testLoss evaluation loss
 * @param testTop1 evaluation top-1
 * @param testTop5 evaluation top-5
 * @param imagesPerSecond training throughput of the epoch (wall clock, step time only)
 * @param seconds wall-clock seconds of the epoch, evaluation included
 */
public record EpochMetrics(
    int epoch,
    long step,
    double lr,
    double temperature,
    double trainLoss,
    double trainTop1,
    double testLoss,
    double testTop1,
    double testTop5,
    double imagesPerSecond,
    double seconds) {

  /** Column names, in the order of {@link #values()}. */
  public static final List<String> COLUMNS =
      List.of(
          "epoch",
          "step",
          "lr",
          "temperature",
          "train_loss",
          "train_top1",
          "test_loss",
          "test_top1",
          "test_top5",
          "images_per_sec",
          "seconds");

  public List<Object> values() {
    return List.of(
        epoch,
        step,
        lr,
        temperature,
        trainLoss,
        trainTop1,
        testLoss,
        testTop1,
        testTop5,
        imagesPerSecond,
        seconds);
  }

  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    List<Object> v = values();
    for (int i = 0; i < COLUMNS.size(); i++) {
      m.put(COLUMNS.get(i), v.get(i));
    }
    return m;
  }

  public String toJson() {
    return Json.write(toMap());
  }

  public String toCsv() {
    StringBuilder sb = new StringBuilder();
    for (Object o : values()) {
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append(o);
    }
    return sb.toString();
  }

  /** The same metrics without the timing fields, for comparing runs. */
  public List<Object> withoutTiming() {
    return values().subList(0, COLUMNS.size() - 2);
  }
}

package kr.bench.plot;

import kr.core.graph.Checks;

/**
 * One model on the accuracy-vs-FLOPs plane.
 *
 * @param method series name, e.g. {@code Static}, {@code KR 4x}, {@code ODConv 4x}
 * @param model the backbone, e.g. {@code ResNet-18}
 * @param flops FLOPs per image (MACs, decimal), {@code > 0}
 * @param top1 top-1 accuracy in percent, in [0, 100]
 * @param source whether the point is the paper's or a run of ours
 */
public record AccuracyPoint(String method, String model, double flops, double top1, Source source) {

  /** Where a point comes from. */
  public enum Source {
    PAPER,
    OURS
  }

  public AccuracyPoint {
    Checks.notNull("method", method);
    Checks.check(!method.isBlank(), "method", "'" + method + "'", "must not be blank");
    Checks.notNull("model", model);
    Checks.positive("flops", flops);
    Checks.inRange("top1", top1, 0, 100);
    Checks.notNull("source", source);
  }

  /** The legend entry: {@code method (paper)} or {@code method (ours)}. */
  public String series() {
    return method + (source == Source.PAPER ? " (paper)" : " (ours)");
  }
}

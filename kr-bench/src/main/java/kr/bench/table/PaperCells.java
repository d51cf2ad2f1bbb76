package kr.bench.table;

import java.util.Map;
import java.util.OptionalDouble;
import kr.core.graph.Checks;

/**
 * The cells the paper prints for one row.
 *
 * @param flops FLOPs per image in decimal units (multiply-accumulates), empty where the table has
 *     no FLOPs column (Table 6)
 * @param top1 top-1 accuracy in percent per dataset name, e.g. {@code cifar10 → 80.0}
 * @param params parameters, empty where the paper prints none (all of Tables 1–7)
 *     <p>{@link #NONE} (no cells at all) is for control rows, which the paper does not have.
 */
public record PaperCells(OptionalDouble flops, Map<String, Double> top1, OptionalDouble params) {

  /** No cells: a control row that is not in the paper. */
  public static final PaperCells NONE =
      new PaperCells(OptionalDouble.empty(), Map.of(), OptionalDouble.empty());

  public PaperCells {
    Checks.notNull("flops", flops);
    Checks.notNull("params", params);
    top1 = Map.copyOf(Checks.notNull("top1", top1));
    flops.ifPresent(f -> Checks.check(f > 0, "flops", f, "must be positive"));
    top1.forEach((k, v) -> Checks.check(v >= 0 && v <= 100, "top1." + k, v, "must be in [0, 100]"));
  }

  /** The top-1 cell of {@code dataset}, or empty when the paper has none for it. */
  public OptionalDouble top1(String dataset) {
    Double v = top1.get(dataset);
    return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
  }
}

package kr.bench.table;

import java.util.OptionalDouble;
import kr.core.graph.Checks;

/**
 * One re-typeset line of a table: the paper's cells and ours for a row on one data column.
 *
 * @param row the row
 * @param data the data column
 * @param paperTop1 the paper's top-1 for {@code data.paperDataset()}
 * @param paperGain the paper's gain over the row's baseline (NaN for a baseline row)
 * @param ourFlops our MACs per image at the paper's input (the {@code kr flops} count)
 * @param ourParams our parameters of the paper's model at the paper's input
 * @param trainedParams parameters of the model the runs trained (the backbone the protocol trains,
 *     at the run's input and classes), 0 before a run finished
 * @param ours top-1 over the finished seeds, in percent
 * @param ourGain our mean gain over the baseline row (NaN for a baseline row or without its runs)
 * @param ourGainSe standard error of {@code ourGain} (NaN without two seeds on both rows)
 * @param diverged seeds whose loss became NaN (not in {@code ours})
 */
public record RowResult(
    RowSpec row,
    RunData data,
    double paperTop1,
    double paperGain,
    long ourFlops,
    long ourParams,
    long trainedParams,
    Stats ours,
    double ourGain,
    double ourGainSe,
    int diverged) {

  public RowResult {
    Checks.notNull("row", row);
    Checks.notNull("data", data);
    Checks.notNull("ours", ours);
  }

  /** The paper's FLOPs cell, when printed. */
  public OptionalDouble paperFlops() {
    return row.paper().flops();
  }

  /** True when |our gain| is larger than twice its standard error. */
  public boolean significant() {
    return Double.isFinite(ourGainSe) && ourGainSe > 0 && Math.abs(ourGain) > 2 * ourGainSe;
  }
}

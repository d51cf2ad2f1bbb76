package kr.core.flops;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Multiply-accumulate counts recorded by layers while a graph is built, per sample.
 *
 * <p>Convention (the paper's): FLOPs = multiply-accumulates of convolution, linear and attention
 * matrix products, per image, in decimal units. BatchNorm, activations, pooling, element-wise
 * scaling and residual additions are not counted. Dynamic layers add the cost of aggregating their
 * kernels, n·|W| per sample, and their coefficient generators' linears; dynamic convolutions with
 * ODConv's channel/filter/spatial attentions (ODConv, KR) also their scaling of the kernels, {@code
 * attention-scaling} (docs/flops-convention.md).
 */
public final class CostLedger {

  /** One counted product. */
  public record Entry(String path, String kind, long macs) {}

  private final List<Entry> entries = new ArrayList<>();

  public void add(String path, String kind, long macs) {
    if (macs < 0) {
      throw new IllegalArgumentException("macs must be >= 0, got " + macs + " at " + path);
    }
    entries.add(new Entry(path, kind, macs));
  }

  public List<Entry> entries() {
    return Collections.unmodifiableList(entries);
  }

  public long totalMacs() {
    return entries.stream().mapToLong(Entry::macs).sum();
  }

  /** Sum of the entries whose path starts with {@code prefix}. */
  public long macsUnder(String prefix) {
    return entries.stream().filter(e -> e.path().startsWith(prefix)).mapToLong(Entry::macs).sum();
  }
}

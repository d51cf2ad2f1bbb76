package kr.data;

import java.util.Map;

/**
 * A dataset whose two splits are held in memory as {@link PackedSplit}s (CIFAR, the IDX datasets,
 * generated data); subclasses give the {@link #standardTransform}.
 */
public abstract class InMemoryDataset implements Dataset {
  private final DatasetInfo info;
  private final PackedSplit train;
  private final PackedSplit test;

  protected InMemoryDataset(DatasetInfo info, PackedSplit train, PackedSplit test) {
    this.info = Checks.notNull("info", info);
    this.train = Checks.notNull("train", train);
    this.test = Checks.notNull("test", test);
  }

  /**
   * The variant named {@code name} of a loader's table.
   *
   * @throws IllegalArgumentException naming the known variants if there is none
   */
  protected static <V> V variant(Map<String, V> variants, String name) {
    V v = variants.get(name);
    if (v == null) {
      throw new IllegalArgumentException(
          "name must be one of " + variants.keySet() + ", got '" + name + "'");
    }
    return v;
  }

  @Override
  public DatasetInfo info() {
    return info;
  }

  @Override
  public PackedSplit source(Split split) {
    return split == Split.TRAIN ? train : test;
  }
}

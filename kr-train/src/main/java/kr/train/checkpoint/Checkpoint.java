package kr.train.checkpoint;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import kr.core.graph.Checks;

/**
 * The content of one checkpoint: its metadata as one JSON document (the trainer's versioned state
 * record: step, epoch, data position, metric history, settings) and float32 tensors by path (model
 * parameters, BatchNorm state, optimizer slots). Immutable.
 *
 * @param metadata the metadata JSON
 * @param tensors tensors by path, in insertion order
 */
public record Checkpoint(String metadata, Map<String, Entry> tensors) {

  /**
   * The version of {@link CheckpointFile}'s format that this code writes and reads. Version 1 held
   * string key/value metadata; version 2 holds one JSON document.
   */
  public static final int FORMAT_VERSION = 2;

  public Checkpoint {
    Checks.notNull("metadata", metadata);
    Checks.notNull("tensors", tensors);
    tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
  }

  /** One tensor: its dims and row-major values. */
  public record Entry(long[] dims, float[] values) {
    public Entry {
      Checks.notNull("dims", dims);
      Checks.notNull("values", values);
      long n = Arrays.stream(dims).reduce(1, (a, b) -> a * b);
      Checks.check(
          n == values.length,
          "values.length",
          values.length,
          "must equal the product of dims " + Arrays.toString(dims));
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Entry e && Arrays.equals(dims, e.dims) && Arrays.equals(values, e.values);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(dims) * 31 + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
      return "Entry" + Arrays.toString(dims);
    }
  }
}

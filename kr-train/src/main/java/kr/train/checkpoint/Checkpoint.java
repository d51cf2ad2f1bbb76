package kr.train.checkpoint;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import kr.core.graph.Checks;

/**
 * The content of one checkpoint: string metadata (format version, step, epoch, schedule and data
 * position, metric history...) and float32 tensors by path (model parameters, BatchNorm state,
 * optimizer slots). Immutable.
 *
 * @param meta metadata, in insertion order
 * @param tensors tensors by path, in insertion order
 */
public record Checkpoint(Map<String, String> meta, Map<String, Entry> tensors) {

  /** The version of {@link CheckpointFile}'s format that this code writes. */
  public static final int FORMAT_VERSION = 1;

  public Checkpoint {
    Checks.notNull("meta", meta);
    Checks.notNull("tensors", tensors);
    meta = Collections.unmodifiableMap(new LinkedHashMap<>(meta));
    tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
  }

  /** One tensor: its dims and row-major values. */
  public record Entry(long[] dims, float[] values) {
    public Entry {
      Checks.notNull("dims", dims);
      Checks.notNull("values", values);
      long n = Arrays.stream(dims).reduce(1, (a, b) -> a * b);
      Checks.check(n == values.length, "values.length", values.length,
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

  public Optional<String> get(String key) {
    return Optional.ofNullable(meta.get(key));
  }

  /** A required metadata value. */
  public String require(String key) {
    String v = meta.get(key);
    if (v == null) {
      throw new IllegalStateException("checkpoint has no '" + key + "' entry");
    }
    return v;
  }

  public long requireLong(String key) {
    return Long.parseLong(require(key));
  }
}

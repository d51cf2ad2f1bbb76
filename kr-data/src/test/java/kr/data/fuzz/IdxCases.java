package kr.data.fuzz;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import kr.data.DatasetOptions;
import kr.data.PackedSplit;
import kr.data.Split;
import kr.data.TestFiles;
import kr.data.fuzz.FuzzCase.Outcome;
import kr.data.idx.IdxDataset;

/**
 * Mutations of an MNIST-layout directory (6 train and 4 test 8x8 images), raw or gzipped. Every
 * mutation must fail except a flipped pixel (always a valid value) and a flipped label still below
 * 10, whose loaded value is checked. Gzip's MTIME/XFL/OS bytes and unused flag bits (offsets 3..9)
 * lie outside its CRC and are not flipped.
 */
final class IdxCases {
  private static final int ROWS = 8;
  private static final int COLS = 8;
  private final Random rnd;

  IdxCases(Random rnd) {
    this.rnd = rnd;
  }

  private static Map<String, byte[]> files() {
    Map<String, byte[]> out = new LinkedHashMap<>();
    for (String prefix : List.of("train", "t10k")) {
      int n = prefix.equals("train") ? 6 : 4;
      byte[] labels = new byte[n];
      for (int i = 0; i < n; i++) {
        labels[i] = (byte) ((i * 3 + n) % 10);
      }
      out.put(
          prefix + "-images-idx3-ubyte",
          TestFiles.idxImages(n, ROWS, COLS, TestFiles.pixels(n, ROWS, COLS, 1)));
      out.put(prefix + "-labels-idx1-ubyte", TestFiles.idxLabels(labels));
    }
    return out;
  }

  FuzzCase next(Path dir) {
    boolean gz = rnd.nextBoolean();
    Map<String, byte[]> files = files();
    List<String> names = List.copyOf(files.keySet());
    String target = names.get(rnd.nextInt(names.size()));
    boolean images = target.contains("images");
    Split split = target.startsWith("train") ? Split.TRAIN : Split.TEST;
    byte[] raw = files.get(target);
    int header = images ? 16 : 8;
    String[] kinds = {
      "truncate",
      "zero-length",
      "flip-header",
      "flip-body",
      "huge-count",
      "append",
      "count-mismatch",
      "swap",
      "gz-truncate",
      "gz-flip"
    };
    String kind = kinds[rnd.nextInt(gz ? kinds.length : kinds.length - 2)];
    String detail;
    byte[] m;
    Set<Outcome> allowed = LoaderFuzzTest.ERROR;
    LoaderFuzzTest.Check check = d -> {};
    switch (kind) {
      case "truncate" -> {
        int at = rnd.nextInt(raw.length);
        m = Mutations.truncate(raw, at);
        detail = "at " + at;
      }
      case "zero-length" -> {
        m = new byte[0];
        detail = "empty";
      }
      case "flip-header" -> {
        int off = rnd.nextInt(header);
        int bit = rnd.nextInt(8);
        m = Mutations.flip(raw, off, bit);
        detail = "offset " + off + " bit " + bit;
      }
      case "flip-body" -> {
        int off = header + rnd.nextInt(raw.length - header);
        m = Mutations.flip(raw, off, rnd.nextInt(8));
        byte value = m[off];
        detail = "offset " + off + " -> " + (value & 0xFF);
        if (images) {
          int item = (off - 16) / (ROWS * COLS);
          int at = (off - 16) % (ROWS * COLS);
          allowed = LoaderFuzzTest.LOADED;
          check =
              d ->
                  LoaderFuzzTest.expect(
                      ((PackedSplit) d.source(split)).imageBytes(item)[at] == value,
                      "pixel " + value);
        } else {
          allowed =
              (value & 0xFF) >= IdxDataset.NUM_CLASSES
                  ? LoaderFuzzTest.ERROR
                  : LoaderFuzzTest.LOADED;
          check =
              d -> LoaderFuzzTest.expect(d.source(split).label(off - 8) == value, "label " + value);
        }
      }
      case "huge-count" -> {
        int dim = rnd.nextInt(images ? 3 : 1);
        int[] values = {
          Integer.MAX_VALUE, 1 << 24, 1 << 16, ((raw.length - header) / (images ? 64 : 1)) + 1
        };
        int value = values[rnd.nextInt(values.length)];
        m = Mutations.putInt(raw, 4 + 4 * dim, value);
        detail = "dimension " + dim + " = " + value;
      }
      case "append" -> {
        int k = 1 + rnd.nextInt(64);
        m = Mutations.append(raw, new byte[k]);
        detail = k + " bytes";
      }
      case "count-mismatch" -> {
        int item = images ? ROWS * COLS : 1;
        int count = (raw.length - header) / item;
        m = Mutations.putInt(Arrays.copyOf(raw, raw.length - item), 4, count - 1);
        detail = "one item less, count " + (count - 1);
      }
      case "swap" -> {
        String other =
            images
                ? target.replace("images-idx3", "labels-idx1")
                : target.replace("labels-idx1", "images-idx3");
        m = files.get(other);
        detail = "holds " + other;
      }
      case "gz-truncate" -> {
        byte[] comp = TestFiles.gzip(raw);
        int at = rnd.nextInt(comp.length);
        m = Mutations.truncate(comp, at);
        detail = "compressed at " + at + " of " + comp.length;
      }
      default -> { // gz-flip
        byte[] comp = TestFiles.gzip(raw);
        int off = rnd.nextInt(comp.length - 7);
        off = off < 3 ? off : off + 7;
        int bit = rnd.nextInt(8);
        m = Mutations.flip(comp, off, bit);
        detail = "compressed offset " + off + " bit " + bit + " of " + comp.length;
      }
    }
    if (gz && !kind.startsWith("gz-")) {
      m = TestFiles.gzip(m);
    }
    String ext = gz ? ".gz" : "";
    files.forEach((n, b) -> TestFiles.write(dir.resolve(n + ext), gz ? TestFiles.gzip(b) : b));
    Path file = TestFiles.write(dir.resolve(target + ext), m);
    LoaderFuzzTest.Check verify = check;
    return new FuzzCase(
        gz ? "idx.gz" : "idx",
        kind,
        detail,
        file,
        allowed,
        () -> {
          IdxDataset d = IdxDataset.load("mnist", dir, DatasetOptions.DEFAULTS);
          verify.accept(d);
          return Outcome.LOADED;
        });
  }
}

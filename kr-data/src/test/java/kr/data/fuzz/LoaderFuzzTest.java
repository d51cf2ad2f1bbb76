package kr.data.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import kr.data.Dataset;
import kr.data.DatasetOptions;
import kr.data.LabelGranularity;
import kr.data.PackedSplit;
import kr.data.Split;
import kr.data.TestFiles;
import kr.data.cifar.CifarDataset;
import kr.data.fuzz.FuzzCase.Outcome;
import kr.data.imagenet.ImageNetDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded fuzzing of every file loader: truncation at random offsets, zero-length files, bit flips
 * in headers and bodies, huge declared counts and sizes, appended bytes, mismatched counts and
 * swapped files, on IDX (raw and gzipped), CIFAR-10/100 binary and ImageNet-layout PNG/JPEG inputs.
 * Each case runs under a timeout and must end in a {@code DatasetFormatException} naming the file,
 * a skip under {@code skipCorrupt}, or (only where the format has no way to notice: a pixel value,
 * a label still in range, a JPEG/PNG body that still decodes) a load whose values are checked
 * against the mutation. Hangs and any other exception fail the test.
 */
class LoaderFuzzTest {
  static final long SEED = 20261201L;
  static final int IDX_CASES = 110;
  static final int CIFAR_CASES = 70;
  static final int IMAGE_CASES = 80;
  static final Set<Outcome> ERROR = Set.of(Outcome.FORMAT_ERROR);
  static final Set<Outcome> LOADED = Set.of(Outcome.LOADED);

  private final Random rnd = new Random(SEED);
  @TempDir Path tmp;

  @Test
  void everyMutationEndsInAFormatErrorASkipOrACheckedLoad() {
    Map<String, byte[]> images = imageFiles(tmp.resolve("base"));
    try (FuzzRunner runner = new FuzzRunner(Duration.ofSeconds(30))) {
      for (int i = 0; i < IDX_CASES; i++) {
        runner.run(new IdxCases(rnd).next(tmp.resolve("idx-" + i)));
      }
      for (int i = 0; i < CIFAR_CASES; i++) {
        runner.run(cifarCase(tmp.resolve("cifar-" + i)));
      }
      for (int i = 0; i < IMAGE_CASES; i++) {
        runner.run(imageCase(tmp.resolve("imagenet-" + i), images));
      }
      System.out.println(runner.summary(SEED));
      System.out.print(runner.table());
      assertThat(runner.failures()).isEmpty();
      assertThat(runner.cases()).isEqualTo(IDX_CASES + CIFAR_CASES + IMAGE_CASES);
      assertThat(runner.count(Outcome.HANG)).isZero();
      assertThat(runner.count(Outcome.OTHER)).isZero();
      assertThat(runner.count(Outcome.FORMAT_ERROR)).isGreaterThan(runner.cases() / 2);
      assertThat(runner.count(Outcome.SKIPPED)).isPositive();
    }
  }

  // ---- CIFAR-10 / CIFAR-100 binary ----

  private FuzzCase cifarCase(Path dir) {
    boolean c100 = rnd.nextBoolean();
    String name = c100 ? "cifar100" : "cifar10";
    CifarDataset.Variant v = CifarDataset.VARIANTS.get(name);
    LabelGranularity granularity =
        c100 && rnd.nextBoolean() ? LabelGranularity.COARSE : LabelGranularity.FINE;
    int lb = v.labelBytes();
    int rec = lb + CifarDataset.PIXEL_BYTES;
    int used = c100 && granularity == LabelGranularity.FINE ? 1 : 0;
    List<String> names = new ArrayList<>(v.trainFiles());
    names.addAll(v.testFiles());
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (int f = 0; f < names.size(); f++) {
      int count = f == 0 ? 3 : 1 + f % 2;
      int[][] labels = new int[count][lb];
      for (int r = 0; r < count; r++) {
        int k = f * 3 + r;
        labels[r] = lb == 1 ? new int[] {k % 10} : new int[] {(k * 7) % 20, (k * 13) % 100};
      }
      files.put(names.get(f), TestFiles.cifarRecords(10 * f, labels));
    }
    int fi = rnd.nextInt(names.size());
    String target = names.get(fi);
    boolean test = v.testFiles().contains(target);
    int before = 0;
    for (int f = 0; f < fi; f++) {
      if (v.testFiles().contains(names.get(f)) == test) {
        before += files.get(names.get(f)).length / rec;
      }
    }
    int first = before;
    Split split = test ? Split.TEST : Split.TRAIN;
    byte[] raw = files.get(target);
    int records = raw.length / rec;
    Path root = rnd.nextBoolean() ? dir.resolve(v.folder()) : dir;
    String kind = pick("truncate", "zero-length", "append", "flip-label", "flip-pixel", "missing");
    String detail = name + " " + granularity;
    byte[] m;
    Set<Outcome> allowed = ERROR;
    Check check = d -> {};
    switch (kind) {
      case "truncate" -> {
        int at = rnd.nextInt(raw.length);
        m = Mutations.truncate(raw, at);
        detail += ", at " + at;
        if (at > 0 && at % rec == 0) {
          allowed = LOADED;
          int lost = records - at / rec;
          int size =
              (test ? v.testFiles() : v.trainFiles())
                  .stream().mapToInt(n -> files.get(n).length / rec).sum();
          check = d -> expect(d.source(split).size() == size - lost, "size " + (size - lost));
        }
      }
      case "zero-length" -> m = new byte[0];
      case "append" -> {
        int k = 1 + rnd.nextInt(rec - 1);
        m = Mutations.append(raw, randomBytes(k));
        detail += ", " + k + " bytes";
      }
      case "flip-label" -> {
        int r = rnd.nextInt(records);
        int l = rnd.nextInt(lb);
        int off = r * rec + l;
        m = Mutations.flip(raw, off, rnd.nextInt(8));
        int value = m[off] & 0xFF;
        int classes = lb == 1 ? 10 : l == 0 ? 20 : 100;
        int expected = m[r * rec + used] & 0xFF;
        detail += ", record " + r + " label byte " + l + " -> " + value;
        allowed = value >= classes ? ERROR : LOADED;
        check = d -> expect(d.source(split).label(first + r) == expected, "label " + expected);
      }
      case "flip-pixel" -> {
        int r = rnd.nextInt(records);
        int p = rnd.nextInt(CifarDataset.PIXEL_BYTES);
        int off = r * rec + lb + p;
        m = Mutations.flip(raw, off, rnd.nextInt(8));
        byte value = m[off];
        int hwc = (p % 1024) * 3 + p / 1024;
        detail += ", offset " + off;
        allowed = LOADED;
        check =
            d ->
                expect(
                    ((PackedSplit) d.source(split)).imageBytes(first + r)[hwc] == value,
                    "pixel " + value);
      }
      default -> m = null; // missing
    }
    files.forEach((n, b) -> TestFiles.write(root.resolve(n), b));
    Path file = root.resolve(target);
    if (m == null) {
      delete(file);
    } else {
      TestFiles.write(file, m);
    }
    DatasetOptions options = DatasetOptions.DEFAULTS.withLabels(granularity);
    Check verify = check;
    return new FuzzCase(
        "cifar",
        kind,
        detail,
        file,
        allowed,
        () -> {
          CifarDataset d = CifarDataset.load(name, dir, options);
          verify.accept(d);
          return Outcome.LOADED;
        });
  }

  // ---- ImageNet layout, PNG and JPEG ----

  private static Map<String, byte[]> imageFiles(Path base) {
    Map<String, int[]> layout = new LinkedHashMap<>();
    layout.put("train/n01/a.png", new int[] {1, 12, 10});
    layout.put("train/n01/b.JPEG", new int[] {2, 9, 14});
    layout.put("train/n02/c.png", new int[] {3, 10, 10});
    layout.put("train/n02/d.jpg", new int[] {4, 16, 8});
    layout.put("val/n01/e.png", new int[] {5, 8, 8});
    layout.put("val/n02/f.jpeg", new int[] {6, 11, 13});
    Map<String, byte[]> out = new LinkedHashMap<>();
    layout.forEach(
        (name, s) -> {
          String format = name.endsWith(".png") ? "png" : "jpeg";
          out.put(name, read(TestFiles.writeImage(base.resolve(name), format, s[0], s[1], s[2])));
        });
    return out;
  }

  private FuzzCase imageCase(Path dir, Map<String, byte[]> files) {
    List<String> names = List.copyOf(files.keySet());
    String target = names.get(rnd.nextInt(names.size()));
    boolean png = target.endsWith(".png");
    byte[] raw = files.get(target);
    int header = png ? Mutations.PNG_HEADER : Mutations.jpegMarker(raw, 0xDA);
    boolean skip = rnd.nextBoolean();
    Outcome corrupt = skip ? Outcome.SKIPPED : Outcome.FORMAT_ERROR;
    Set<Outcome> mustFail = Set.of(corrupt);
    Set<Outcome> mayDecode = Set.of(corrupt, Outcome.LOADED);
    String kind =
        pick("truncate", "zero-length", "flip-header", "flip-body", "huge-size", "garbage", "text");
    String detail = skip ? "skipCorrupt" : "strict";
    byte[] m;
    Set<Outcome> allowed = mustFail;
    switch (kind) {
      case "truncate" -> {
        int at = rnd.nextInt(raw.length);
        m = Mutations.truncate(raw, at);
        detail += ", at " + at + " of " + raw.length;
        // A PNG reader stops after the image data; a JPEG reader may not need the final EOI marker.
        if (png ? at >= Mutations.pngIend(raw) : at >= raw.length - 2) {
          allowed = mayDecode;
        }
      }
      case "zero-length" -> m = new byte[0];
      case "flip-header", "flip-body" -> {
        int off =
            kind.equals("flip-header")
                ? rnd.nextInt(header)
                : header + rnd.nextInt(raw.length - header);
        int bit = rnd.nextInt(8);
        m = Mutations.flip(raw, off, bit);
        detail += ", offset " + off + " bit " + bit;
        allowed = mayDecode;
      }
      case "huge-size" -> {
        // 20000x20000 fits int arithmetic but its RGB float copy (4.8 GB) would exhaust the heap.
        int[][] sizes =
            png
                ? new int[][] {{1 << 16, 1 << 16}, {Integer.MAX_VALUE, 1}, {0, 10}, {20000, 20000}}
                : new int[][] {{65535, 65535}, {65535, 2100}, {20000, 20000}};
        int[] s = sizes[rnd.nextInt(sizes.length)];
        m = png ? Mutations.pngSize(raw, s[0], s[1]) : Mutations.jpegSize(raw, s[0], s[1]);
        detail += ", " + s[0] + "x" + s[1];
      }
      case "garbage" -> m = randomBytes(raw.length);
      default -> m = "this is not an image\n".getBytes(StandardCharsets.US_ASCII);
    }
    files.forEach((n, b) -> TestFiles.write(dir.resolve(n), b));
    Path file = TestFiles.write(dir.resolve(target), m);
    DatasetOptions options = DatasetOptions.DEFAULTS.withImageSizes(20, 16).withSkipCorrupt(skip);
    return new FuzzCase(
        png ? "imagenet.png" : "imagenet.jpeg",
        kind,
        detail,
        file,
        allowed,
        () -> {
          ImageNetDataset d = ImageNetDataset.load("imagenet", dir, options);
          int empty = 0;
          for (Split split : Split.values()) {
            ImageNetDataset.FolderSplit s = d.source(split);
            for (int i = 0; i < s.size(); i++) {
              empty += s.read(i).isEmpty() ? 1 : 0;
            }
          }
          ImageNetDataset.CorruptSummary summary = d.corruptSummary();
          expect(
              summary.skipped() == empty && summary.files().stream().allMatch(file::equals),
              "the skipped files counted: " + empty + " x " + file + ", got " + summary);
          return empty > 0 ? Outcome.SKIPPED : Outcome.LOADED;
        });
  }

  // ---- helpers ----

  /** A check of a loaded dataset against the mutation. */
  interface Check {
    void accept(Dataset d);
  }

  static void expect(boolean ok, String what) {
    if (!ok) {
      throw new AssertionError("loaded dataset does not hold the mutated value: expected " + what);
    }
  }

  private String pick(String... kinds) {
    return kinds[rnd.nextInt(kinds.length)];
  }

  private byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    rnd.nextBytes(b);
    return b;
  }

  static byte[] read(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void delete(Path p) {
    try {
      Files.delete(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

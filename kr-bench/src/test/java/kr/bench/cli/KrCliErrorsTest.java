package kr.bench.cli;

import static kr.bench.cli.CliRun.kr;
import static kr.bench.cli.CliRun.oneLine;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import kr.data.DatasetFormatException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bad input a user can give {@code kr train} and {@code kr eval} ends in exactly one stderr
 * line naming the flag, file or value, no stack trace, and the documented exit code; {@code
 * --debug} and {@code KR_DEBUG=1} add the trace.
 */
class KrCliErrorsTest {
  @TempDir static Path dir;
  static Path data;
  static Path checkpoint;

  static String[] train(Path dataDir, Path out, String... more) {
    List<String> a = CliRun.train(dataDir, out, "--epochs", "1", "--max-steps", "2");
    a.addAll(Arrays.asList(more));
    return a.toArray(String[]::new);
  }

  static String[] eval(Path ckpt, Path dataDir, String... more) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "eval",
                "--checkpoint",
                ckpt.toString(),
                "--backbone",
                "test-cnn",
                "--dataset",
                "fashion-mnist",
                "--data-dir",
                dataDir.toString(),
                "--batch-size",
                "16"));
    a.addAll(Arrays.asList(more));
    return a.toArray(String[]::new);
  }

  static byte[] idx(int magic, int[] dims, byte[] body) {
    ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + body.length).putInt(magic);
    for (int d : dims) {
      b.putInt(d);
    }
    return b.put(body).array();
  }

  /** Writes a raw (not gzipped) Fashion-MNIST-layout directory of 32 + 16 images. */
  static Path writeData(Path d) throws IOException {
    Files.createDirectories(d);
    for (String prefix : List.of("train", "t10k")) {
      int n = prefix.equals("train") ? 32 : 16;
      byte[] labels = new byte[n];
      byte[] pixels = new byte[n * 784];
      for (int i = 0; i < n; i++) {
        labels[i] = (byte) (i % 10);
        Arrays.fill(pixels, i * 784, i * 784 + 28 * (i % 10 + 1), (byte) 200);
      }
      Files.write(d.resolve(prefix + "-labels-idx1-ubyte"), idx(0x801, new int[] {n}, labels));
      Files.write(
          d.resolve(prefix + "-images-idx3-ubyte"), idx(0x803, new int[] {n, 28, 28}, pixels));
    }
    return d;
  }

  /** A copy of the good data with one file replaced. */
  static Path dataWith(String name, String file, byte[] content) throws IOException {
    Path d = writeData(dir.resolve(name));
    Files.write(d.resolve(file), content);
    return d;
  }

  @BeforeAll
  static void trainOnce() throws IOException {
    data = writeData(dir.resolve("data"));
    CliRun r = kr(train(data, dir.resolve("run")));
    assertThat(r.code()).as(r.err()).isZero();
    checkpoint = dir.resolve("run/checkpoints/best.krckpt");
    assertThat(checkpoint).exists();
  }

  @Test
  void missingOrEmptyDataDirectory() throws IOException {
    Path nowhere = dir.resolve("nowhere");
    assertThat(oneLine(kr(train(nowhere, dir.resolve("o1"))), 2))
        .contains("--data-dir")
        .contains("missing directory: " + nowhere)
        .contains("expected fashion-mnist IDX");
    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertThat(oneLine(kr(train(empty, dir.resolve("o2"))), 2))
        .contains("--data-dir")
        .contains(empty.resolve("train-images-idx3-ubyte").toString())
        .contains("expected IDX images, magic 0x00000803");
    assertThat(dir.resolve("o1")).doesNotExist();
    assertThat(oneLine(kr(eval(checkpoint, nowhere)), 2)).contains("missing directory: " + nowhere);
  }

  @Test
  void truncatedWrongMagicMismatchedAndCorruptIdxFiles() throws IOException {
    byte[] images = Files.readAllBytes(data.resolve("train-images-idx3-ubyte"));
    Path truncated = dataWith("truncated", "train-images-idx3-ubyte", Arrays.copyOf(images, 1000));
    assertThat(oneLine(kr(train(truncated, dir.resolve("o3"))), 2))
        .contains(truncated.resolve("train-images-idx3-ubyte").toString())
        .contains("truncated at offset 1000")
        .contains("expected 32*28*28 = 25088 data bytes");

    byte[] labels = Files.readAllBytes(data.resolve("train-labels-idx1-ubyte"));
    Path magic = dataWith("magic", "train-images-idx3-ubyte", labels);
    assertThat(oneLine(kr(train(magic, dir.resolve("o4"))), 2))
        .contains("wrong magic number 0x00000801 at offset 0: expected 0x00000803");

    Path count =
        dataWith("count", "train-labels-idx1-ubyte", idx(0x801, new int[] {31}, new byte[31]));
    assertThat(oneLine(kr(train(count, dir.resolve("o5"))), 2))
        .contains("holds 32 items but labels file")
        .contains("holds 31 items: expected equal counts");

    byte[] gz = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3, 4, 5};
    Path corrupt = dataWith("gzip", "t10k-images-idx3-ubyte", gz);
    assertThat(oneLine(kr(train(corrupt, dir.resolve("o6"))), 2))
        .contains(corrupt.resolve("t10k-images-idx3-ubyte").toString())
        .contains("gzip");
  }

  @Test
  void outThatIsAFileUnderAFileOrUnderProc() throws IOException {
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    assertThat(oneLine(kr(train(data, file)), 2))
        .contains("--out " + file + " is a file: expected a directory");
    assertThat(oneLine(kr(train(data, file.resolve("sub"))), 2))
        .contains("--out " + file.resolve("sub") + " is not writable")
        .contains("expected a directory");
    Path proc = Path.of("/proc/kr-cli-test-run");
    assertThat(oneLine(kr(train(data, proc)), 2)).contains("--out " + proc + " is not writable");
    Path procSelf = Path.of("/proc/self");
    assertThat(oneLine(kr(train(data, procSelf)), 2))
        .contains("--out " + procSelf + " is not writable");
  }

  @Test
  void truncatedOrGarbageCheckpoint() throws IOException {
    byte[] good = Files.readAllBytes(checkpoint);
    Path truncated =
        Files.write(dir.resolve("truncated.krckpt"), Arrays.copyOf(good, good.length / 2));
    assertThat(oneLine(kr(eval(truncated, data)), 2))
        .contains(truncated.toString())
        .contains("expected a complete .krckpt file");
    Path garbage =
        Files.writeString(dir.resolve("garbage.krckpt"), "not a checkpoint at all, just text");
    assertThat(oneLine(kr(eval(garbage, data)), 2))
        .contains(garbage + " is not a KR-Java checkpoint");
    Path empty = Files.write(dir.resolve("empty.krckpt"), new byte[0]);
    assertThat(oneLine(kr(eval(empty, data)), 2)).contains("--checkpoint " + empty + " is empty");
  }

  @Test
  void checkpointOfAnotherModelNamesTheTensorAndShapes() throws IOException {
    // Inside its run directory the recorded model catches the contradiction first.
    assertThat(oneLine(kr(eval(checkpoint, data, "--rgb")), 2))
        .startsWith("kr: --rgb true contradicts the recorded false in ")
        .endsWith("config.json");
    // A checkpoint without a config.json is loaded into the model the flags describe.
    Path loose = Files.createDirectories(dir.resolve("loose")).resolve("best.krckpt");
    Files.copy(checkpoint, loose, StandardCopyOption.REPLACE_EXISTING);
    assertThat(oneLine(kr(eval(loose, data, "--rgb")), 2))
        .containsPattern(
            "checkpoint tensor \\S+ has shape \\[3, 3, 1, \\d+\\], the model's is \\[3, 3, 3, \\d+\\]")
        .contains("pass the --backbone, --kr");
    assertThat(oneLine(kr(eval(loose, data, "--kr", "4x")), 2))
        .containsPattern(
            "checkpoint tensor \\S+ has shape \\[\\d+, 10\\], the model's is \\[\\d+, 10\\]");
    CliRun ok = kr(eval(checkpoint, data));
    assertThat(ok.code()).as(ok.err()).isZero();
  }

  @Test
  void debugFlagOrEnvironmentAddsTheStackTrace() {
    Path nowhere = dir.resolve("nowhere-debug");
    for (CliRun r :
        List.of(
            kr(train(nowhere, dir.resolve("o7"), "--debug")),
            kr(Map.of(KrCli.DEBUG_ENV, "1"), train(nowhere, dir.resolve("o8"))))) {
      assertThat(r.code()).isEqualTo(2);
      List<String> lines = r.err().lines().toList();
      assertThat(lines.get(0)).startsWith("kr: --data-dir: missing directory: " + nowhere);
      assertThat(lines.get(1)).startsWith(IllegalArgumentException.class.getName());
      assertThat(r.err())
          .contains("\tat kr.bench.cli.Preflight.data(")
          .contains("Caused by: " + DatasetFormatException.class.getName());
    }
  }

  @Test
  void failureMapsTheCauseChainToOneLineAndAnExitCode() {
    Failure wrapped =
        Failure.of(
            new IllegalStateException(
                "worker failed",
                new DatasetFormatException("file f: truncated at offset 3: expected 4 bytes")));
    assertThat(wrapped)
        .isEqualTo(new Failure(2, "file f: truncated at offset 3: expected 4 bytes"));
    Failure io =
        Failure.of(new UncheckedIOException(new AccessDeniedException("/runs/x/metrics.csv")));
    assertThat(io).isEqualTo(new Failure(1, "I/O error: /runs/x/metrics.csv: permission denied"));
    assertThat(Failure.of(new IllegalArgumentException("line one\n  line two")))
        .isEqualTo(new Failure(2, "line one; line two"));
    assertThat(Failure.of(new OutOfMemoryError("Java heap space")).exitCode()).isEqualTo(1);
    assertThat(Failure.of(new NullPointerException("x")).message())
        .isEqualTo(
            "unexpected error: java.lang.NullPointerException: x (rerun with --debug for the stack trace)");
  }
}

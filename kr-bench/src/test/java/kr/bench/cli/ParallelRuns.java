package kr.bench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The short {@code kr train} runs the data-parallel tests compare: {@code test-cnn} (stem and block
 * BatchNorm, and with KR 4× the KR unit's BatchNorm), global batch 16, SGD with momentum, one
 * thread, small synthetic Fashion-MNIST-layout data.
 */
final class ParallelRuns {
  private ParallelRuns() {}

  /**
   * @param method {@code static} or {@code kr4x}
   * @param steps training steps (one epoch)
   * @param more further flags
   */
  static List<String> train(Path data, String method, Path out, int steps, String... more) {
    List<String> a =
        new ArrayList<>(List.of("train", "--backbone", "test-cnn", "--dataset", "fashion-mnist"));
    if (method.equals("kr4x")) {
      a.addAll(List.of("--kr", "4x"));
    }
    a.addAll(
        List.of(
            "--data-dir",
            data.toString(),
            "--epochs",
            "1",
            "--max-steps",
            Integer.toString(steps),
            "--batch-size",
            "16",
            "--max-eval-batches",
            "1",
            "--optimizer",
            "sgd",
            "--lr",
            "0.1",
            "--warmup-epochs",
            "0",
            "--threads",
            "1,1",
            "--no-progress",
            "--out",
            out.toString()));
    a.addAll(Arrays.asList(more));
    return a;
  }

  /** The step checkpoint a run writes after {@code steps} steps. */
  static Path checkpoint(Path run, int steps) {
    return run.resolve("checkpoints").resolve(String.format("step-%09d.krckpt", steps));
  }

  /**
   * Writes a raw Fashion-MNIST-layout directory of {@code train + test} images: seeded noise in
   * 0..99 plus, for label {@code i mod 10}, that many + 1 bright rows (learnable, and with batch
   * statistics that are not degenerate).
   */
  static Path writeData(Path d, int train, int test) throws IOException {
    Files.createDirectories(d);
    Random rng = new Random(11);
    for (String prefix : List.of("train", "t10k")) {
      int n = prefix.equals("train") ? train : test;
      byte[] labels = new byte[n];
      byte[] pixels = new byte[n * 784];
      for (int i = 0; i < n; i++) {
        labels[i] = (byte) (i % 10);
        for (int k = 0; k < 784; k++) {
          pixels[i * 784 + k] =
              (byte) (k < 28 * (i % 10 + 1) ? 200 + rng.nextInt(56) : rng.nextInt(100));
        }
      }
      Files.write(
          d.resolve(prefix + "-labels-idx1-ubyte"),
          KrCliErrorsTest.idx(0x801, new int[] {n}, labels));
      Files.write(
          d.resolve(prefix + "-images-idx3-ubyte"),
          KrCliErrorsTest.idx(0x803, new int[] {n, 28, 28}, pixels));
    }
    return d;
  }

  static String[] array(List<String> args) {
    return args.toArray(String[]::new);
  }
}

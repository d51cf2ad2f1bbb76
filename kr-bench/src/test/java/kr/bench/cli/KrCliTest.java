package kr.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs the real {@code kr} commands on small Fashion-MNIST-format files written here. */
class KrCliTest {
  @TempDir static Path dir;
  static Path data;

  record Run(int code, String out, String err) {}

  static Run kr(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = KrCli.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  /** 64 training and 32 test images of two easy classes, in the IDX format, gzipped. */
  @BeforeAll
  static void writeData() throws IOException {
    data = writeData(dir.resolve("fmnist"));
  }

  /** Writes the small Fashion-MNIST-format data set into {@code into}; returns it. */
  static Path writeData(Path into) throws IOException {
    Files.createDirectories(into);
    Random rnd = new Random(3);
    write(into, rnd, "train", 64);
    write(into, rnd, "t10k", 32);
    return into;
  }

  private static void write(Path into, Random rnd, String prefix, int n) throws IOException {
    byte[] labels = new byte[n];
    byte[] pixels = new byte[n * 28 * 28];
    for (int i = 0; i < n; i++) {
      labels[i] = (byte) rnd.nextInt(10);
      for (int p = 0; p < 28 * 28; p++) {
        boolean lit = (p / 28) / 3 == labels[i];
        pixels[i * 784 + p] = (byte) (lit ? 200 + rnd.nextInt(50) : rnd.nextInt(30));
      }
    }
    idx(into.resolve(prefix + "-labels-idx1-ubyte.gz"), 0x801, new int[] {n}, labels);
    idx(into.resolve(prefix + "-images-idx3-ubyte.gz"), 0x803, new int[] {n, 28, 28}, pixels);
  }

  private static void idx(Path file, int magic, int[] dims, byte[] body) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(bytes))) {
      out.writeInt(magic);
      for (int d : dims) {
        out.writeInt(d);
      }
      out.write(body);
    }
    Files.write(file, bytes.toByteArray());
  }

  @Test
  void trainWritesItsRunDirectoryAndEvalReadsTheCheckpoint() throws IOException {
    Path out = dir.resolve("run");
    Run train =
        kr(
            "train",
            "--backbone",
            "test-cnn",
            "--kr",
            "4x",
            "--dataset",
            "fashion-mnist",
            "--data-dir",
            data.toString(),
            "--epochs",
            "2",
            "--batch-size",
            "16",
            "--out",
            out.toString(),
            "--no-progress",
            "--threads",
            "1,1");
    assertThat(train.code()).as(train.err()).isZero();
    assertThat(train.out()).contains("done:").contains("test_top1");
    assertThat(Files.readAllLines(out.resolve("metrics.jsonl"))).hasSize(2);
    assertThat(Files.readAllLines(out.resolve("metrics.csv"))).hasSize(3);
    assertThat(out.resolve("config.json")).exists();
    assertThat(out.resolve("run.json")).exists();
    Path best = out.resolve("checkpoints/best.krckpt");
    assertThat(best).exists();

    Run eval =
        kr(
            "eval",
            "--checkpoint",
            best.toString(),
            "--backbone",
            "test-cnn",
            "--kr",
            "4x",
            "--dataset",
            "fashion-mnist",
            "--data-dir",
            data.toString());
    assertThat(eval.code()).as(eval.err()).isZero();
    assertThat(eval.out().trim()).startsWith("{").contains("\"top1\"");
  }

  @Test
  void badFlagsGiveOneLineAndExitCodeTwo() {
    Run zero =
        kr(
            "train",
            "--backbone",
            "test-cnn",
            "--dataset",
            "fashion-mnist",
            "--data-dir",
            data.toString(),
            "--epochs",
            "0",
            "--out",
            dir.resolve("bad").toString());
    assertThat(zero.code()).isEqualTo(2);
    assertThat(zero.err().trim().lines()).hasSize(1);
    assertThat(zero.err()).contains("epochs").contains("0");

    Run unknown =
        kr(
            "train",
            "--backbone",
            "no-such-net",
            "--dataset",
            "fashion-mnist",
            "--out",
            dir.resolve("bad2").toString());
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("no-such-net").contains("resnet18");

    Run flag = kr("train", "--bogus");
    assertThat(flag.code()).isEqualTo(2);
    assertThat(flag.err().trim().lines()).hasSize(1);

    Run kr =
        kr(
            "train",
            "--backbone",
            "test-cnn",
            "--kr",
            "4y",
            "--dataset",
            "fashion-mnist",
            "--out",
            dir.resolve("bad3").toString());
    assertThat(kr.code()).isEqualTo(2);
    assertThat(kr.err()).contains("'4y'");
  }

  @Test
  void listNamesEveryRegistry() {
    Run list = kr("list");
    assertThat(list.code()).isZero();
    assertThat(list.out())
        .contains("resnet18")
        .contains("vit-nano")
        .contains("condconv")
        .contains("fashion-mnist");
  }

  @Test
  void methodAndKrCombinationsFailAsOneUsageLineBeforeTheDataLoads() {
    Run off =
        kr(
            "train",
            "--backbone",
            "test-cnn",
            "--kr",
            "off",
            "--dataset",
            "fashion-mnist",
            "--out",
            dir.resolve("bad4").toString());
    assertThat(off.code()).isEqualTo(2);
    assertThat(off.err().trim().lines()).hasSize(1);
    assertThat(off.err()).contains("--kr off").contains("--method static");

    Run both =
        kr(
            "train",
            "--backbone",
            "resnet18",
            "--method",
            "dyconv",
            "--kr",
            "4x",
            "--dataset",
            "fashion-mnist",
            "--out",
            dir.resolve("bad5").toString());
    assertThat(both.code()).isEqualTo(2);
    assertThat(both.err()).contains("--method kr --kr 4x");

    Run unsupported =
        kr(
            "train",
            "--backbone",
            "test-cnn",
            "--method",
            "condconv",
            "--dataset",
            "fashion-mnist",
            "--out",
            dir.resolve("bad6").toString());
    assertThat(unsupported.code()).isEqualTo(2);
    assertThat(unsupported.err().trim().lines()).hasSize(1);
    assertThat(unsupported.err()).contains("test-cnn").contains("condconv");
  }

  @Test
  void flopsRefusesAMalformedInput() {
    Run bad = kr("flops", "--input", "32x32");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err().trim().lines()).hasSize(1);
    assertThat(bad.err()).contains("--input").contains("32x32");
  }
}

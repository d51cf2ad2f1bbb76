package kr.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * One in-process run of the real {@code kr} command line: its exit code and what it printed on
 * standard output and standard error.
 *
 * @param code the exit code
 * @param out what was printed on standard output
 * @param err what was printed on standard error
 */
public record CliRun(int code, String out, String err) {

  /** Runs {@code kr args} with this process's environment. */
  public static CliRun kr(String... args) {
    return run(KrCli.commandLine(), args);
  }

  /** Runs {@code kr args} with this process's environment. */
  public static CliRun kr(List<String> args) {
    return kr(args.toArray(String[]::new));
  }

  /** Runs {@code kr args} with {@code env} as the environment. */
  public static CliRun kr(Map<String, String> env, String... args) {
    return run(KrCli.commandLine(env), args);
  }

  private static CliRun run(CommandLine cl, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }

  /**
   * The arguments of a {@code kr train} of the tiny {@code test-cnn} on the Fashion-MNIST-format
   * files in {@code data} into {@code out} (batch 16, one thread each, no progress bar), then
   * {@code more}.
   */
  public static List<String> train(Path data, Path out, String... more) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "train",
                "--backbone",
                "test-cnn",
                "--dataset",
                "fashion-mnist",
                "--data-dir",
                data.toString(),
                "--batch-size",
                "16",
                "--out",
                out.toString(),
                "--no-progress",
                "--threads",
                "1,1"));
    a.addAll(List.of(more));
    return a;
  }

  /**
   * Runs {@code kr train --dataset fashion-mnist --out out} with {@code flags}: for flags that are
   * refused before any data loads.
   */
  public static CliRun krTrain(Path out, String... flags) {
    List<String> a = new ArrayList<>(List.of("train", "--dataset", "fashion-mnist"));
    a.addAll(List.of(flags));
    a.addAll(List.of("--out", out.toString()));
    return kr(a);
  }

  /** Checks a usage error: exit code 2 and one line on standard error; returns that error. */
  public String usageError() {
    assertThat(code).as(err).isEqualTo(2);
    assertThat(err.trim().lines()).as(err).hasSize(1);
    return err;
  }

  /**
   * The one standard-error line of {@code r}, after checking its exit code, that no stack trace was
   * printed and that the line starts with {@code kr: }.
   */
  public static String oneLine(CliRun r, int expectedCode) {
    assertThat(r.code()).as(r.err()).isEqualTo(expectedCode);
    List<String> lines = r.err().lines().filter(l -> !l.isBlank()).toList();
    assertThat(lines).as(r.err()).hasSize(1);
    assertThat(r.err()).doesNotContain("\tat ");
    assertThat(lines.get(0)).startsWith("kr: ");
    return lines.get(0);
  }
}

package kr.bench.report;

import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --out FILE}: a benchmark's Markdown report goes to standard output and, with this flag, to
 * a file as well.
 */
public final class ReportFile {
  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Also write the report (Markdown) to this file (default: stdout only).")
  Path out;

  /**
   * Prints {@code report} on standard output and, with {@code --out}, writes it to that file
   * (atomically), saying so on standard error.
   */
  public void publish(String report) throws IOException {
    System.out.println(report);
    if (save(report)) {
      System.err.println("written " + out);
    }
  }

  /**
   * Writes {@code report} to the {@code --out} file (atomically) when the flag is given.
   *
   * @return whether it was written
   */
  public boolean save(String report) throws IOException {
    if (out == null) {
      return false;
    }
    RunInfo.writeAtomically(out, report);
    return true;
  }
}

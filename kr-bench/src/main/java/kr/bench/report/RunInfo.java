package kr.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;
import kr.train.checkpoint.AtomicFiles;

/** Provenance of a result: command, commit, machine and date, as a Markdown preamble. */
public record RunInfo(String command, String commit, String machine, String date) {

  public static RunInfo capture(String command) {
    return new RunInfo(
        command,
        gitCommit(),
        describeMachine(),
        ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
  }

  public static String describeMachine() {
    Runtime rt = Runtime.getRuntime();
    return System.getProperty("os.name")
        + " "
        + System.getProperty("os.arch")
        + ", "
        + rt.availableProcessors()
        + " cores, "
        + (rt.maxMemory() >> 20)
        + " MiB heap, Java "
        + System.getProperty("java.version");
  }

  /** The CPU model from {@code /proc/cpuinfo}, or "unknown CPU". */
  public static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).strip();
        }
      }
    } catch (IOException e) {
      // not Linux
    }
    return "unknown CPU";
  }

  /** The 1, 5 and 15 minute load averages from {@code /proc/loadavg}, or "unknown". */
  public static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.UTF_8).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | ArrayIndexOutOfBoundsException e) {
      return "unknown";
    }
  }

  /** The current git commit (with "+dirty" when the tree has changes), or "unknown". */
  public static String gitCommit() {
    try {
      String head = run("git", "rev-parse", "--short=12", "HEAD");
      if (head.isEmpty()) {
        return "unknown";
      }
      return run("git", "status", "--porcelain", "--untracked-files=no").isEmpty()
          ? head
          : head + "+dirty";
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String run(String... cmd) throws IOException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try {
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return "";
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return p.exitValue() == 0 ? out : "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  public String markdownPreamble() {
    return "- command: `"
        + command
        + "`\n- commit: "
        + commit
        + "\n- machine: "
        + machine
        + "\n- date: "
        + date
        + "\n";
  }

  /**
   * Writes text to a file atomically with {@link AtomicFiles#writeString}: a hidden temporary file
   * in the same directory, fsynced, then renamed over the file; a failure names the file.
   */
  public static void writeAtomically(Path file, String text) throws IOException {
    AtomicFiles.writeString(file, text);
  }
}

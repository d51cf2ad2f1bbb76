package kr.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What a benchmark records about the machine it ran on, read from {@code /proc} where present. */
public final class Machine {
  private Machine() {}

  /** The CPU model ("model name" of /proc/cpuinfo), or "unknown CPU". */
  public static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException e) {
      // not Linux
    }
    return "unknown CPU";
  }

  /** The 1-, 5- and 15-minute load averages of /proc/loadavg, or "unknown". */
  public static String loadAverage() {
    try {
      List<String> p = List.of(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+"));
      return p.size() >= 3 ? String.join(" ", p.subList(0, 3)) : "unknown";
    } catch (IOException e) {
      return "unknown";
    }
  }
}

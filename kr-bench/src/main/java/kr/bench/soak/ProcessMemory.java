package kr.bench.soak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Memory of this process: the JVM heap in use and the resident set size from /proc. */
final class ProcessMemory {
  private static final Path STATUS = Path.of("/proc/self/status");

  private ProcessMemory() {}

  /** Whether VmRSS can be read (Linux). */
  static boolean rssAvailable() {
    return Files.isReadable(STATUS);
  }

  /** VmRSS in MiB. */
  static double rssMb() {
    try {
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith("VmRSS:")) {
          return parseKb(line) / 1024.0;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + STATUS, e);
    }
    throw new IllegalStateException(STATUS + " has no VmRSS line");
  }

  /** "VmRSS: 123456 kB" → 123456. */
  static long parseKb(String line) {
    String[] parts = line.trim().split("\\s+");
    if (parts.length != 3 || !parts[2].equals("kB")) {
      throw new IllegalStateException("unexpected /proc status line: " + line);
    }
    return Long.parseLong(parts[1]);
  }

  /** Heap in use after a GC request, MiB. */
  static double heapMb() {
    Runtime rt = Runtime.getRuntime();
    System.gc();
    return (rt.totalMemory() - rt.freeMemory()) / (1024.0 * 1024.0);
  }
}

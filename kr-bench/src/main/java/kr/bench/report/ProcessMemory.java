package kr.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Memory of this process: the JVM heap in use and, from {@code /proc/self/status} (Linux), the
 * resident set size (VmRSS) and its peak (VmHWM), which {@link #resetPeak} can restart from the
 * current RSS.
 */
public final class ProcessMemory {
  private static final Path STATUS = Path.of("/proc/self/status");
  private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

  private ProcessMemory() {}

  /** Whether VmRSS can be read (Linux). */
  public static boolean rssAvailable() {
    return Files.isReadable(STATUS);
  }

  /** VmRSS in MiB. */
  public static double rssMb() {
    return statusKb("VmRSS:") / 1024.0;
  }

  /** VmHWM, the peak resident set since start or the last {@link #resetPeak}, in MiB. */
  public static double peakRssMb() {
    return statusKb("VmHWM:") / 1024.0;
  }

  /**
   * Restarts VmHWM from the current RSS (writes 5 to {@code /proc/self/clear_refs}, Linux 4.0+).
   *
   * @return false when the kernel does not allow it (the peak then runs from the process start)
   */
  public static boolean resetPeak() {
    try {
      Files.writeString(CLEAR_REFS, "5");
      return true;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  private static long statusKb(String key) {
    try {
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith(key)) {
          return parseKb(line);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + STATUS, e);
    }
    throw new IllegalStateException(STATUS + " has no " + key + " line");
  }

  /** "VmRSS: 123456 kB" → 123456. */
  public static long parseKb(String line) {
    String[] parts = line.trim().split("\\s+");
    if (parts.length != 3 || !parts[2].equals("kB")) {
      throw new IllegalStateException("unexpected /proc status line: " + line);
    }
    return Long.parseLong(parts[1]);
  }

  /** Heap in use after a GC request, MiB. */
  public static double heapMb() {
    Runtime rt = Runtime.getRuntime();
    System.gc();
    return (rt.totalMemory() - rt.freeMemory()) / (1024.0 * 1024.0);
  }

  /** The sum of the heap pools' peak usage since start or the last {@link #resetHeapPeak}, MiB. */
  public static double peakHeapMb() {
    long bytes = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        bytes += pool.getPeakUsage().getUsed();
      }
    }
    return bytes / (1024.0 * 1024.0);
  }

  /** Restarts the heap pools' peak usage from their current usage. */
  public static void resetHeapPeak() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }
}

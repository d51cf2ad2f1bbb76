package kr.bench.soak;

import java.util.Locale;

/**
 * One reading of a soak run.
 *
 * @param seconds since the run started
 * @param steps training steps done so far
 * @param heapMb JVM heap in use (after a GC request), MiB
 * @param rssMb resident set size of the process (VmRSS), MiB: Java heap plus native memory
 * @param ops operations in the graph
 */
public record MemorySample(double seconds, long steps, double heapMb, double rssMb, long ops) {

  /** The CSV header matching {@link #csv()}. */
  public static final String CSV_HEADER = "seconds,steps,heap_mb,rss_mb,ops";

  public String csv() {
    return String.format(Locale.ROOT, "%.3f,%d,%.2f,%.2f,%d", seconds, steps, heapMb, rssMb, ops);
  }
}

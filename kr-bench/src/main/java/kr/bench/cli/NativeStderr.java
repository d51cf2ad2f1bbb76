package kr.bench.cli;

import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Keeps TensorFlow's own log lines out of the command line's stderr. The TensorFlow natives log
 * through absl, which writes everything to file descriptor 2 until {@code absl::InitializeLog()} is
 * called (it never is from Java): {@code WARNING: All log messages before absl::InitializeLog() is
 * called are written to STDERR}, then lines such as {@code I0000 00:00:... 1234
 * mlir_graph_optimization_pass.cc:401] MLIR V1 optimization pass is not enabled} or Grappler's
 * {@code W0000 ... op_level_cost_estimator.cc:699] Error in PredictCost() ...}. {@code
 * TF_CPP_MIN_LOG_LEVEL} does not reach them, and Java cannot intercept a native write.
 *
 * <p>So, before anything loads TensorFlow, {@link #install()} points file descriptor 2 at a pipe
 * read by a daemon thread that forwards every line except those ({@link #dropped}: absl's notice
 * and absl-format INFO and WARNING lines; ERROR and FATAL lines and anything else pass), and gives
 * {@link System#err} a descriptor of its own on the original stderr, so Java's output (messages,
 * progress bars) never goes through the filter. At exit the original descriptor 2 is put back and
 * the pipe drained. {@code --debug} (or {@code KR_DEBUG=1}) leaves stderr alone.
 *
 * <p>Duplicating a descriptor needs {@code dup2}, which the JDK has only internally ({@code
 * sun.nio.ch.FileDispatcherImpl.dup0}); the JVM must be started with {@code --add-opens
 * java.base/sun.nio.ch=ALL-UNNAMED} ({@code ./kr} does). Without it, or on a JDK without that
 * method, nothing is changed and TensorFlow's lines show.
 */
final class NativeStderr {
  private static final Pattern DROPPED =
      Pattern.compile(
          "WARNING: All log messages before absl::InitializeLog\\(\\) is called are written to"
              + " STDERR|[IW]\\d{4} \\d\\d:\\d\\d:\\d+\\.\\d+ +\\d+ [^ :]+:\\d+\\] .*");

  private final Thread reader;
  private final Runnable restore;

  private NativeStderr(Thread reader, Runnable restore) {
    this.reader = reader;
    this.restore = restore;
  }

  /** True for a line that is TensorFlow's start-up or INFO/WARNING logging. */
  static boolean dropped(String line) {
    return DROPPED.matcher(line).matches();
  }

  /**
   * Filters file descriptor 2 as described above.
   *
   * @return the installed filter, or empty when the JDK's {@code dup2} is not reachable (nothing
   *     changed)
   */
  static Optional<NativeStderr> install() {
    Method dup2 = dup2();
    if (dup2 == null) {
      return Optional.empty();
    }
    try {
      FileOutputStream original = new FileOutputStream("/dev/null");
      dup2.invoke(null, FileDescriptor.err, original.getFD()); // a second descriptor on stderr
      Pipe pipe = Pipe.open();
      Method sinkFd = pipe.sink().getClass().getMethod("getFD");
      sinkFd.setAccessible(true);
      FileDescriptor sink = (FileDescriptor) sinkFd.invoke(pipe.sink());
      PrintStream javaErr = new PrintStream(original, true, StandardCharsets.UTF_8);
      Thread reader =
          new Thread(
              () -> forward(Channels.newInputStream(pipe.source()), original), "kr-native-stderr");
      reader.setDaemon(true);
      reader.start();
      System.err.flush();
      dup2.invoke(null, sink, FileDescriptor.err);
      System.setErr(javaErr);
      NativeStderr f =
          new NativeStderr(
              reader,
              () -> {
                try {
                  dup2.invoke(null, original.getFD(), FileDescriptor.err);
                  pipe.sink().close();
                } catch (ReflectiveOperationException | IOException e) {
                  // stderr stays filtered; the reader thread dies with the JVM
                }
              });
      Runtime.getRuntime().addShutdownHook(new Thread(f::close, "kr-native-stderr-drain"));
      return Optional.of(f);
    } catch (IOException | ReflectiveOperationException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The JDK's {@code dup2(fd1, fd2)}, or null when it is not reachable. */
  private static Method dup2() {
    for (String name :
        new String[] {"sun.nio.ch.FileDispatcherImpl", "sun.nio.ch.UnixFileDispatcherImpl"}) {
      try {
        Method m =
            Class.forName(name)
                .getDeclaredMethod("dup0", FileDescriptor.class, FileDescriptor.class);
        m.setAccessible(true);
        return m;
      } catch (ReflectiveOperationException | RuntimeException e) {
        // not this JDK's class, or the package is not opened to us
      }
    }
    return null;
  }

  /**
   * Copies {@code in} to {@code out} line by line, leaving out {@link #dropped} lines. A partial
   * line that cannot become a dropped one (it starts with neither 'I' nor 'W') is passed on at
   * once.
   */
  static void forward(InputStream in, OutputStream out) {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    try {
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        for (int i = 0; i < n; i++) {
          line.write(buf[i]);
          if (buf[i] == '\n') {
            emit(line, out);
          }
        }
        if (line.size() > 0) {
          byte first = line.toByteArray()[0];
          if (first != 'I' && first != 'W') {
            out.write(line.toByteArray());
            line.reset();
          }
        }
        out.flush();
      }
      if (line.size() > 0) {
        emit(line, out);
        out.flush();
      }
    } catch (IOException e) {
      // the pipe or stderr closed: nothing more to forward
    }
  }

  private static void emit(ByteArrayOutputStream line, OutputStream out) throws IOException {
    String text = line.toString(StandardCharsets.UTF_8).stripTrailing();
    if (!dropped(text)) {
      line.writeTo(out);
    }
    line.reset();
  }

  /** Puts the original stderr back on descriptor 2 and forwards what the pipe still holds. */
  void close() {
    restore.run();
    try {
      reader.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

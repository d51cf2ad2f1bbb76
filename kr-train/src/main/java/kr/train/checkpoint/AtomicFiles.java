package kr.train.checkpoint;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import kr.core.graph.Checks;

/**
 * Atomic file replacement, the one way KR-Java writes its result files (checkpoints, {@code
 * config.json}, metrics, reports): the content goes to a hidden temporary file {@code
 * .<name>.<random>.tmp} in the target's directory, is flushed and fsynced, then renamed over the
 * target with {@code ATOMIC_MOVE}, and the directory is fsynced. A reader sees the old file or the
 * new one, never part of one, whenever the writer is killed; a failed write (a full disk) deletes
 * its temporary file, leaves the old target as it was and throws a {@link FileSystemException}
 * naming the target and the reason (e.g. "No space left on device").
 *
 * <p><b>Fault injection.</b> With the system property {@value #PAUSE_PROPERTY} set to {@code
 * REGEX@N}, the {@code N}-th write (from 1) of a file whose name matches {@code REGEX} prints
 * {@code failpoint: paused before renaming TMP to TARGET} on stderr once its temporary file is
 * complete, then blocks for good, so that a test can kill the process at that exact moment. The
 * property is read once; without it nothing changes.
 */
public final class AtomicFiles {
  /** Suffix of the temporary files a write creates (and that listings ignore). */
  public static final String TEMP_SUFFIX = ".tmp";

  /** The fault-injection property: {@code REGEX@N}. */
  public static final String PAUSE_PROPERTY = "kr.failpoint.pauseBeforeRename";

  private static final Failpoint PAUSE = Failpoint.parse(System.getProperty(PAUSE_PROPERTY));

  private AtomicFiles() {}

  /** What a write puts into the temporary file. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  /** Replaces {@code target} by {@code text} (UTF-8) atomically. */
  public static void writeString(Path target, String text) throws IOException {
    byte[] bytes = Checks.notNull("text", text).getBytes(StandardCharsets.UTF_8);
    write(target, out -> out.write(bytes));
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * A fresh name beside {@code target} for writing it atomically: {@code .<name>.<random><suffix>}.
   * Created with {@link Files#createFile}, it gets the user's umask (e.g. 0644 under umask 022) and
   * keeps it through the rename, unlike {@link Files#createTempFile}, which always makes 0600
   * files.
   */
  public static Path temporarySibling(Path target, String suffix) {
    Path dir = target.toAbsolutePath().getParent();
    return dir.resolve(
        "." + target.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + suffix);
  }

  /** Replaces {@code target} by what {@code content} writes, atomically. */
  public static void write(Path target, Content content) throws IOException {
    Checks.notNull("target", target);
    Checks.notNull("content", content);
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp;
    try {
      tmp = temporarySibling(target, TEMP_SUFFIX);
      Files.createFile(tmp); // unlike Files.createTempFile (always 0600), this honours the umask
    } catch (IOException e) {
      throw naming(target, e);
    }
    boolean done = false;
    try {
      try (FileChannel ch =
          FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        OutputStream out = Channels.newOutputStream(ch);
        content.writeTo(out);
        out.flush();
        ch.force(true);
      }
      PAUSE.maybePause(tmp, target);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      done = true;
      syncDirectory(dir);
    } catch (IOException e) {
      throw naming(target, e);
    } finally {
      if (!done) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  /** Whether {@code name} is that of a temporary file left by a write that did not finish. */
  public static boolean isTemporary(String name) {
    return name.startsWith(".") && name.endsWith(TEMP_SUFFIX);
  }

  /**
   * Deletes the temporary files a killed writer left directly in {@code dir} (nothing if it does
   * not exist).
   */
  public static void removeTemporaries(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (var s = Files.list(dir)) {
      for (Path p : s.filter(p -> isTemporary(p.getFileName().toString())).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /**
   * A file-system error that names {@code file}: a {@link FileSystemException} as it is, any other
   * {@link IOException} (such as the bare "No space left on device" of a failed write) as a {@link
   * FileSystemException} for {@code file} with that reason.
   */
  static IOException naming(Path file, IOException e) {
    if (e instanceof FileSystemException || e instanceof CorruptCheckpointException) {
      return e;
    }
    FileSystemException named = new FileSystemException(file.toString(), null, e.getMessage());
    named.initCause(e);
    return named;
  }

  private static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Some file systems cannot fsync a directory; the rename itself is still atomic.
    }
  }

  /** The parsed {@value #PAUSE_PROPERTY}. */
  private record Failpoint(Pattern name, int nth, AtomicInteger seen) {
    static Failpoint parse(String spec) {
      if (spec == null || spec.isBlank()) {
        return new Failpoint(null, 0, new AtomicInteger());
      }
      int at = spec.lastIndexOf('@');
      Checks.check(at > 0, PAUSE_PROPERTY, spec, "must be REGEX@N");
      int nth;
      try {
        nth = Integer.parseInt(spec.substring(at + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(PAUSE_PROPERTY + " must be REGEX@N, got " + spec, e);
      }
      return new Failpoint(Pattern.compile(spec.substring(0, at)), nth, new AtomicInteger());
    }

    void maybePause(Path tmp, Path target) {
      if (name == null
          || !name.matcher(target.getFileName().toString()).matches()
          || seen.incrementAndGet() != nth) {
        return;
      }
      System.err.println("failpoint: paused before renaming " + tmp + " to " + target);
      System.err.flush();
      while (true) {
        try {
          Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
          // Stay paused: only a kill ends this process.
        }
      }
    }
  }

  /** Deletes {@code dir} and everything under it, if it exists (best effort for each file). */
  public static void deleteTree(Path dir) throws IOException {
    Checks.notNull("dir", dir);
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path f : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    }
  }
}

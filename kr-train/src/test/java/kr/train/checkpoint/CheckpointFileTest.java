package kr.train.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointFileTest {
  @TempDir Path dir;

  static Checkpoint sample(float seed, int size) {
    String meta = "{\"global_step\":" + (long) seed + ",\"note\":\"line 1\\nünïcode\"}";
    Map<String, Checkpoint.Entry> t = new LinkedHashMap<>();
    float[] big = new float[size];
    for (int i = 0; i < size; i++) {
      big[i] = seed + i * 0.25f;
    }
    t.put("stage1/conv/kernel", new Checkpoint.Entry(new long[] {size / 4, 4}, big));
    t.put(
        "bn/moving_var",
        new Checkpoint.Entry(new long[] {3}, new float[] {Float.MIN_VALUE, -0f, Float.MAX_VALUE}));
    t.put("scalar", new Checkpoint.Entry(new long[0], new float[] {seed}));
    return new Checkpoint(meta, t);
  }

  /** A stream that fails after {@code limit} bytes, like a full disk. */
  static final class FailingStream extends FilterOutputStream {
    private long left;

    FailingStream(OutputStream out, long limit) {
      super(out);
      this.left = limit;
    }

    @Override
    public void write(int b) throws IOException {
      if (left-- <= 0) {
        throw new IOException("injected failure: disk full");
      }
      out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      for (int i = 0; i < len; i++) {
        write(b[off + i]);
      }
    }
  }

  private List<String> names() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void roundTripsExactly() throws IOException {
    Checkpoint c = sample(7, 100_000);
    Path p = dir.resolve("a.krckpt");
    CheckpointFile.write(p, c);
    Checkpoint back = CheckpointFile.read(p);
    assertThat(back.metadata()).isEqualTo(c.metadata());
    assertThat(back.tensors()).isEqualTo(c.tensors());
    assertThat(new ArrayList<>(back.tensors().keySet()))
        .containsExactly("stage1/conv/kernel", "bn/moving_var", "scalar");
    assertThat(names()).containsExactly("a.krckpt");
  }

  @Test
  void writtenFilesGetTheUmaskNotTemporaryFilePermissions() throws IOException {
    if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return;
    }
    // A plain new file gets 0666 minus the umask (0644 under umask 022); temporary files get 0600.
    Set<PosixFilePermission> plain =
        Files.getPosixFilePermissions(Files.createFile(dir.resolve("plain")));
    Path p = dir.resolve("b.krckpt");
    CheckpointFile.write(p, sample(5, 64));
    assertThat(Files.getPosixFilePermissions(p)).isEqualTo(plain);
    CheckpointFile.write(p, sample(6, 64)); // replacing keeps them
    assertThat(Files.getPosixFilePermissions(p)).isEqualTo(plain);
    assertThat(names()).containsExactlyInAnyOrder("b.krckpt", "plain");
  }

  @Test
  void temporarySiblingsAreHiddenFreshAndBesideTheTarget() {
    Path target = dir.resolve("step-000000001.krckpt");
    Path a = AtomicFiles.temporarySibling(target, ".tmp");
    Path b = AtomicFiles.temporarySibling(target, ".tmp");
    assertThat(a.getParent()).isEqualTo(target.toAbsolutePath().getParent());
    assertThat(a.getFileName().toString()).startsWith(".step-000000001.krckpt.").endsWith(".tmp");
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void failedWriteLeavesThePreviousCheckpointAndNoPartialFile() throws IOException {
    Path p = dir.resolve("step-000000010.krckpt");
    Checkpoint old = sample(1, 64);
    CheckpointFile.write(p, old);
    long oldSize = Files.size(p);

    assertThatThrownBy(
            () ->
                CheckpointFile.write(p, sample(2, 100_000), out -> new FailingStream(out, 70_000)))
        .isInstanceOf(FileSystemException.class)
        .hasMessage(p + ": injected failure: disk full");

    assertThat(names()).containsExactly("step-000000010.krckpt");
    assertThat(Files.size(p)).isEqualTo(oldSize);
    assertThat(CheckpointFile.read(p).tensors()).isEqualTo(old.tensors());
  }

  @Test
  void corruptAndTruncatedFilesAreRejected() throws IOException {
    Path p = dir.resolve("c.krckpt");
    CheckpointFile.write(p, sample(3, 400));
    byte[] bytes = Files.readAllBytes(p);

    byte[] flipped = bytes.clone();
    flipped[bytes.length / 2] ^= 1;
    Files.write(dir.resolve("flipped.krckpt"), flipped);
    assertThatThrownBy(() -> CheckpointFile.read(dir.resolve("flipped.krckpt")))
        .isInstanceOf(CorruptCheckpointException.class)
        .hasMessageContaining("CRC32");

    Files.write(dir.resolve("cut.krckpt"), Arrays.copyOf(bytes, bytes.length / 3));
    assertThatThrownBy(() -> CheckpointFile.read(dir.resolve("cut.krckpt")))
        .isInstanceOf(CorruptCheckpointException.class);

    Files.writeString(dir.resolve("text.krckpt"), "hello, not a checkpoint");
    assertThatThrownBy(() -> CheckpointFile.read(dir.resolve("text.krckpt")))
        .isInstanceOf(CorruptCheckpointException.class)
        .hasMessageContaining("bad magic");
  }

  @Test
  void aVersion1FileIsRejectedNamingTheFileAndBothVersions() throws IOException {
    // Version 1: magic, version, metaN key/value string pairs, tensors, CRC.
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CRC32 crc = new CRC32();
    DataOutputStream out = new DataOutputStream(new CheckedOutputStream(bytes, crc));
    out.write(CheckpointFile.MAGIC);
    out.writeInt(1);
    out.writeInt(1);
    out.writeInt(4);
    out.writeBytes("kind");
    out.writeInt(8);
    out.writeBytes("kr-train");
    out.writeInt(0);
    out.flush();
    new DataOutputStream(bytes).writeLong(crc.getValue());
    Path old = dir.resolve("step-000000008.krckpt");
    Files.write(old, bytes.toByteArray());
    String message =
        old + " has format version 1; this build reads version 2" + " (written by an older build)";
    assertThatThrownBy(() -> CheckpointFile.read(old))
        .isInstanceOf(CheckpointVersionException.class)
        .hasMessage(message);
    // A resume stops on it instead of skipping it and starting afresh.
    assertThatThrownBy(() -> new CheckpointManager(dir, 2).latest(w -> {}))
        .isInstanceOf(CheckpointVersionException.class)
        .hasMessage(message);
  }

  @Test
  void managerKeepsTheLastKAndSkipsCorruptOnes() throws IOException {
    CheckpointManager m = new CheckpointManager(dir, 2);
    for (long step : new long[] {10, 20, 30}) {
      m.save(sample(step, 16), step);
    }
    m.saveBest(sample(20, 16));
    assertThat(names())
        .containsExactly("best.krckpt", "step-000000020.krckpt", "step-000000030.krckpt");

    // Corrupt the newest: latest() falls back to the previous one and says so.
    Path newest = m.pathFor(30);
    byte[] b = Files.readAllBytes(newest);
    b[b.length - 1] ^= 0x55;
    Files.write(newest, b);
    List<String> warnings = new ArrayList<>();
    CheckpointManager.Loaded l = m.latest(warnings::add).orElseThrow();
    assertThat(l.path()).isEqualTo(m.pathFor(20));
    assertThat(l.checkpoint().metadata()).startsWith("{\"global_step\":20,");
    assertThat(warnings).singleElement().asString().contains("step-000000030.krckpt");

    // A temporary left by a killed writer is cleaned up and never listed.
    Files.writeString(dir.resolve(".step-000000040.krckpt.123.tmp"), "partial");
    assertThat(m.list()).hasSize(2);
    m.removeStaleTemporaries();
    assertThat(names()).doesNotContain(".step-000000040.krckpt.123.tmp");
  }
}

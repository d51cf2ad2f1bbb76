package kr.train.checkpoint;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;

/**
 * Reads and writes {@link Checkpoint}s in KR-Java's own binary format, atomically.
 *
 * <p>Layout (integers big-endian, floats big-endian IEEE 754):
 *
 * <pre>
 *   magic    8 bytes  "KRCKPT\r\n"
 *   version  int      {@link Checkpoint#FORMAT_VERSION}
 *   metadata int length + UTF-8 bytes of one JSON document
 *   tensorN  int      then tensorN × (name: int length + UTF-8, rank: int, dims: rank × long,
 *                     values: product(dims) × float)
 *   crc      long     CRC32 of every byte before it
 * </pre>
 *
 * <p>A write goes through {@link AtomicFiles}: a hidden temporary file in the target's directory,
 * flushed and fsynced, then renamed over the target with {@code ATOMIC_MOVE}: a reader sees the old
 * file or the new one, never part of one. A failed write deletes its temporary file and throws an
 * exception naming the target.
 */
public final class CheckpointFile {
  static final byte[] MAGIC = "KRCKPT\r\n".getBytes(StandardCharsets.US_ASCII);

  /** Suffix of the temporary files a write creates (and that listings ignore). */
  public static final String TEMP_SUFFIX = AtomicFiles.TEMP_SUFFIX;

  private CheckpointFile() {}

  /** Writes {@code checkpoint} to {@code target} atomically. */
  public static void write(Path target, Checkpoint checkpoint) throws IOException {
    write(target, checkpoint, UnaryOperator.identity());
  }

  /**
   * Writes atomically, passing the raw file stream through {@code wrap} first (tests inject a
   * stream that fails midway). Uses {@link AtomicFiles#write}.
   */
  public static void write(Path target, Checkpoint checkpoint, UnaryOperator<OutputStream> wrap)
      throws IOException {
    AtomicFiles.write(
        target,
        out -> {
          BufferedOutputStream buffered = new BufferedOutputStream(wrap.apply(out), 1 << 16);
          encode(checkpoint, buffered);
          buffered.flush();
        });
  }

  /** Serialises without the atomic-file handling (the CRC trailer included). */
  static void encode(Checkpoint c, OutputStream out) throws IOException {
    CRC32 crc = new CRC32();
    DataOutputStream data = new DataOutputStream(new CheckedOutputStream(out, crc));
    data.write(MAGIC);
    data.writeInt(Checkpoint.FORMAT_VERSION);
    writeString(data, c.metadata());
    data.writeInt(c.tensors().size());
    byte[] chunk = new byte[1 << 16];
    for (Map.Entry<String, Checkpoint.Entry> e : c.tensors().entrySet()) {
      writeString(data, e.getKey());
      long[] dims = e.getValue().dims();
      data.writeInt(dims.length);
      for (long d : dims) {
        data.writeLong(d);
      }
      float[] values = e.getValue().values();
      ByteBuffer buf = ByteBuffer.wrap(chunk);
      for (int i = 0; i < values.length; ) {
        int n = Math.min(values.length - i, chunk.length / Float.BYTES);
        buf.clear();
        buf.asFloatBuffer().put(values, i, n);
        data.write(chunk, 0, n * Float.BYTES);
        i += n;
      }
    }
    data.flush();
    new DataOutputStream(out).writeLong(crc.getValue());
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  /**
   * Reads and verifies a checkpoint.
   *
   * @throws CorruptCheckpointException if the magic, CRC or structure is wrong
   * @throws CheckpointVersionException if the file has another format version
   */
  public static Checkpoint read(Path file) throws IOException {
    byte[] all = Files.readAllBytes(file);
    if (all.length < MAGIC.length + 4 + 8
        || !Arrays.equals(Arrays.copyOf(all, MAGIC.length), MAGIC)) {
      throw new CorruptCheckpointException(file + " is not a KR-Java checkpoint (bad magic)");
    }
    CRC32 crc = new CRC32();
    crc.update(all, 0, all.length - 8);
    long stored = ByteBuffer.wrap(all, all.length - 8, 8).getLong();
    if (stored != crc.getValue()) {
      throw new CorruptCheckpointException(file + " is corrupt (CRC32 mismatch)");
    }
    DataInputStream in =
        new DataInputStream(
            new ByteArrayInputStream(all, MAGIC.length, all.length - 8 - MAGIC.length));
    try {
      int version = in.readInt();
      if (version != Checkpoint.FORMAT_VERSION) {
        throw new CheckpointVersionException(
            file
                + " has format version "
                + version
                + "; this build reads version "
                + Checkpoint.FORMAT_VERSION
                + (version < Checkpoint.FORMAT_VERSION ? " (written by an older build)" : ""));
      }
      String meta = readString(file, in);
      Map<String, Checkpoint.Entry> tensors = new LinkedHashMap<>();
      int tensorN = in.readInt();
      for (int i = 0; i < tensorN; i++) {
        String name = readString(file, in);
        int rank = in.readInt();
        long[] dims = new long[rank];
        long n = 1;
        for (int d = 0; d < rank; d++) {
          dims[d] = in.readLong();
          n *= dims[d];
        }
        if (n < 0 || n > Integer.MAX_VALUE || n * Float.BYTES > in.available()) {
          throw new CorruptCheckpointException(
              file + ": tensor " + name + " has bad dims " + Arrays.toString(dims));
        }
        byte[] bytes = new byte[(int) n * Float.BYTES];
        in.readFully(bytes);
        float[] values = new float[(int) n];
        ByteBuffer.wrap(bytes).asFloatBuffer().get(values);
        tensors.put(name, new Checkpoint.Entry(dims, values));
      }
      if (in.available() != 0) {
        throw new CorruptCheckpointException(file + " has trailing bytes");
      }
      return new Checkpoint(meta, tensors);
    } catch (EOFException e) {
      throw new CorruptCheckpointException(file + " is truncated");
    }
  }

  private static String readString(Path file, DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > in.available()) {
      throw new CorruptCheckpointException(file + " has a bad string length " + n);
    }
    byte[] b = new byte[n];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }
}

package kr.data.idx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import kr.data.DataFiles;
import kr.data.DatasetFormatException;
import kr.data.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Corrupt sizes fail before the reader allocates what they declare or inflates what a gzip bomb
 * holds.
 */
class IdxFileLimitsTest {
  @TempDir Path dir;

  @Test
  void gzipThatExpandsFarBeyondItsHeaderStopsAfterTheSlack() {
    byte[] body = new byte[784 + 3 * (1 << 20)]; // one 28x28 image declared, 3 MiB of zeros follow
    byte[] gz = TestFiles.gzip(TestFiles.idxImages(1, 28, 28, body));
    assertThat(gz.length).isLessThan(10_000);
    Path f = TestFiles.write(dir.resolve("train-images-idx3-ubyte.gz"), gz);
    long max = 16 + 784 + IdxFile.TRAILING_SLACK;
    assertThatThrownBy(() -> IdxFile.readImages(f))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessage(
            "file "
                + f
                + ": holds more than "
                + max
                + " bytes after decompression: expected 16 header "
                + "bytes + 1*28*28 = 784 data bytes (and fewer than "
                + IdxFile.TRAILING_SLACK
                + " trailing bytes)");
  }

  @Test
  void declaredSizeBeyondOneArrayFailsBeforeReadingTheData() {
    Path f =
        TestFiles.write(
            dir.resolve("x-images-idx3-ubyte"),
            TestFiles.idxImages(
                Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, new byte[8]));
    assertThatThrownBy(() -> IdxFile.readImages(f))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining(
            "the header declares 2147483647*2147483647*2147483647 data bytes, more than one Java "
                + "array holds ("
                + DataFiles.MAX_ARRAY_BYTES
                + ")");
  }

  @Test
  void smallTrailingGarbageIsCountedExactly() {
    byte[] labels = TestFiles.idxLabels(new byte[] {1, 2});
    byte[] withTail = Arrays.copyOf(labels, labels.length + 5);
    Path f = TestFiles.write(dir.resolve("l-labels-idx1-ubyte.gz"), TestFiles.gzip(withTail));
    assertThatThrownBy(() -> IdxFile.readLabels(f, 10))
        .hasMessageContaining("5 unexpected trailing bytes from offset 10");
  }
}

package kr.data.imagenet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import kr.data.DatasetFormatException;
import kr.data.Image;
import kr.data.TestFiles;
import kr.data.fuzz.Mutations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDecoderTest {
  @TempDir Path dir;

  @Test
  void decodesPngExactly() {
    Image img = ImageDecoder.decodeRgb(TestFiles.writeImage(dir.resolve("a.png"), "png", 7, 5, 6));
    assertThat(new int[] {img.height(), img.width(), img.channels()}).containsExactly(5, 6, 3);
    assertThat(img.get(4, 5, 2)).isEqualTo((float) TestFiles.pixel(7, 4, 5, 2));
  }

  @Test
  void decodeKeepsGrayscaleAsStoredAndColourAsRgb() throws IOException {
    BufferedImage gray = new BufferedImage(3, 2, BufferedImage.TYPE_BYTE_GRAY);
    gray.getRaster().setSamples(0, 0, 3, 2, 0, new int[] {0, 17, 128, 200, 254, 255});
    Path g = dir.resolve("gray.png");
    ImageIO.write(gray, "png", g.toFile());
    Image img = ImageDecoder.decode(g);
    assertThat(new int[] {img.height(), img.width(), img.channels()}).containsExactly(2, 3, 1);
    assertThat(img.pixels()).containsExactly(0, 17, 128, 200, 254, 255);

    Image rgb = ImageDecoder.decode(TestFiles.writeImage(dir.resolve("c.png"), "png", 7, 5, 6));
    assertThat(rgb.channels()).isEqualTo(3);
    assertThat(rgb.pixels()).containsExactly(ImageDecoder.decodeRgb(dir.resolve("c.png")).pixels());
  }

  /** 20000 x 20000 fits int arithmetic, but its float RGB copy (4.8 GB) would exhaust the heap. */
  @Test
  void oversizedDeclaredSizeFailsBeforeDecoding() throws IOException {
    Path png = TestFiles.writeImage(dir.resolve("big.png"), "png", 1, 8, 8);
    Files.write(png, Mutations.pngSize(Files.readAllBytes(png), 20000, 20000));
    assertThatThrownBy(() -> ImageDecoder.decodeRgb(png))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessage(
            "image file "
                + png
                + " (png) declares 20000x20000 pixels: expected a positive size of at most "
                + ImageDecoder.MAX_PIXELS
                + " pixels");
    Path jpeg = TestFiles.writeImage(dir.resolve("big.jpg"), "jpeg", 1, 8, 8);
    Files.write(jpeg, Mutations.jpegSize(Files.readAllBytes(jpeg), 20000, 20000));
    assertThatThrownBy(() -> ImageDecoder.decodeRgb(jpeg))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining("declares 20000x20000 pixels");
  }

  @Test
  void truncatedJpegIsCorruptNotAGreyImage() throws IOException {
    Path jpeg = TestFiles.writeImage(dir.resolve("t.jpg"), "jpeg", 2, 32, 32);
    byte[] b = Files.readAllBytes(jpeg);
    Files.write(jpeg, Arrays.copyOf(b, b.length - 40));
    assertThatThrownBy(() -> ImageDecoder.decodeRgb(jpeg))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining(jpeg.toString());
  }
}

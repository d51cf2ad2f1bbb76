package kr.data.imagenet;

import java.nio.file.Path;
import java.util.Optional;
import kr.data.Dataset;
import kr.data.DatasetOptions;
import kr.data.augment.Normalize;
import kr.data.spi.DatasetProvider;

/**
 * Provides {@code "imagenet"}: class folders {@code train/<wnid>/*.JPEG}, {@code
 * val/<wnid>/*.JPEG}.
 */
public final class ImageNetProvider implements DatasetProvider {
  @Override
  public String name() {
    return "imagenet";
  }

  @Override
  public String description() {
    return "ImageNet class-folder layout train/<wnid>/*.JPEG and val/<wnid>/*.JPEG, streamed from disk";
  }

  @Override
  public void checkLayout(Path dataDir) {
    ImageNetDataset.checkLayout(dataDir);
  }

  @Override
  public Dataset create(Path dataDir, DatasetOptions options) {
    return ImageNetDataset.load(name(), dataDir, options);
  }

  @Override
  public Optional<Normalize> normalization() {
    return Optional.of(new Normalize(ImageNetDataset.MEAN, ImageNetDataset.STD));
  }
}

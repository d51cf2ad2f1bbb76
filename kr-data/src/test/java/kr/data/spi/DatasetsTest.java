package kr.data.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import java.nio.file.Path;
import java.util.List;
import kr.data.Dataset;
import kr.data.DatasetInfo;
import kr.data.DatasetOptions;
import kr.data.Split;
import kr.data.TestFiles;
import kr.data.augment.Normalize;
import kr.data.cifar.CifarDataset;
import kr.data.synthetic.SyntheticDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {
  @TempDir Path dir;

  /** A third-party dataset plugged in by name. */
  static final class TinyProvider implements DatasetProvider {
    private final String name;

    TinyProvider(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String description() {
      return "tiny synthetic";
    }

    @Override
    public Dataset create(Path dataDir, DatasetOptions options) {
      return new SyntheticDataset(
          new DatasetInfo(name, 2, 4, 4, 1, new float[] {0.5f}, new float[] {0.5f}, 6, 2), 1);
    }
  }

  @Test
  void serviceLoaderFindsTheBuiltIns() {
    Datasets registry = Datasets.discover();
    assertThat(registry.names())
        .containsExactly("cifar10", "cifar100", "fashion-mnist", "imagenet", "mnist");
    assertThat(registry.provider("fashion-mnist").defaultDataDir())
        .contains(Path.of("/usr/share/datasets/fashion-mnist"));
  }

  /**
   * What a trained model needs without the data: the built-ins' class names, and normalisations
   * equal to those their loaded datasets state.
   */
  @Test
  void providersStateClassNamesAndTheLoadedDatasetsNormalisation() {
    Datasets registry = Datasets.discover();
    assertThat(registry.provider("fashion-mnist").classNames())
        .hasSize(10)
        .startsWith("T-shirt/top", "Trouser", "Pullover")
        .endsWith("Ankle boot");
    assertThat(registry.provider("mnist").classNames())
        .containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    assertThat(registry.provider("cifar10").classNames()).hasSize(10).startsWith("airplane");
    assertThat(registry.provider("cifar100").classNames())
        .hasSize(100)
        .doesNotHaveDuplicates()
        .isSorted()
        .startsWith("apple", "aquarium_fish");
    assertThat(registry.provider("imagenet").classNames()).isEmpty();

    TestFiles.writeIdxDir(dir, 4, 2, 28, 28, true);
    for (String name : List.of("mnist", "fashion-mnist")) {
      DatasetInfo info = registry.create(name, dir, DatasetOptions.DEFAULTS).info();
      Normalize n = registry.provider(name).normalization().orElseThrow();
      assertThat(n.mean()).as(name).containsExactly(info.mean());
      assertThat(n.std()).as(name).containsExactly(info.std());
    }
    assertThat(registry.provider("cifar10").normalization().orElseThrow().mean())
        .containsExactly(CifarDataset.VARIANTS.get("cifar10").mean());
    assertThat(registry.provider("imagenet").normalization()).isPresent();
  }

  @Test
  void unknownNameListsKnownNames() {
    assertThatThrownBy(() -> Datasets.discover().create("cifar11", dir, DatasetOptions.DEFAULTS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "unknown dataset 'cifar11': known datasets are "
                + "[cifar10, cifar100, fashion-mnist, imagenet, mnist]");
  }

  @Test
  void createsABuiltInFromItsDirectory() {
    TestFiles.writeIdxDir(dir, 4, 2, 28, 28, true);
    Dataset d = Datasets.discover().create("mnist", dir, DatasetOptions.DEFAULTS);
    assertThat(d.info().name()).isEqualTo("mnist");
    assertThat(d.source(Split.TRAIN).size()).isEqualTo(4);
    assertThatThrownBy(() -> Datasets.discover().create("mnist", DatasetOptions.DEFAULTS))
        .hasMessage("dataset 'mnist' has no default data directory: pass one");
  }

  @Test
  void guiceBindsAThirdPartyProviderAndRejectsDuplicates() {
    Datasets registry =
        Guice.createInjector(new DatasetsModule(List.of(new TinyProvider("tiny"))))
            .getInstance(Datasets.class);
    assertThat(registry.names()).containsExactly("tiny");
    assertThat(registry.create("tiny", dir, DatasetOptions.DEFAULTS).info().trainSize())
        .isEqualTo(6);

    assertThatThrownBy(
            () ->
                Guice.createInjector(
                    new DatasetsModule(
                        List.of(new TinyProvider("tiny"), new TinyProvider("tiny")))))
        .isInstanceOf(CreationException.class)
        .hasMessageContaining("tiny");
  }
}

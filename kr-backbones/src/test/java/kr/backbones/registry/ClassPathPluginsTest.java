package kr.backbones.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import kr.backbones.api.BackbonePlugin;
import kr.backbones.cnn.SmallCnnPlugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassPathPluginsTest {
  @TempDir Path dir;

  private URLClassLoader loaderWithServices(String text) throws Exception {
    Path services = Files.createDirectories(dir.resolve("META-INF/services"));
    Files.writeString(services.resolve(BackbonePlugin.class.getName()), text);
    return new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
  }

  @Test
  void commentsBlankLinesAndRepeatsAreServiceLoaderFormat() throws Exception {
    try (URLClassLoader loader =
        loaderWithServices(
            "# extra\n\n  "
                + SmallCnnPlugin.class.getName()
                + "  # again\nkr.backbones.cnn.SmallCnnPlugin\n")) {
      var found = ClassPathPlugins.load(BackbonePlugin.class, loader);
      // the built-in services file lists it too: loaded once, with the other built-ins
      assertThat(found.stream().filter(f -> f.plugin() instanceof SmallCnnPlugin)).hasSize(1);
      assertThat(found).extracting(ClassPathPlugins.Found::className).doesNotHaveDuplicates();
    }
  }

  @Test
  void missingClassNamesItAndTheDirectoryListingIt() throws Exception {
    try (URLClassLoader loader = loaderWithServices("acme.Missing\n")) {
      assertThatThrownBy(() -> ClassPathPlugins.load(BackbonePlugin.class, loader))
          .isInstanceOfSatisfying(
              PluginException.class,
              e -> {
                assertThat(e.pluginClass()).isEqualTo("acme.Missing");
                assertThat(e.source()).isEqualTo(Optional.of(dir.toString()));
                assertThat(e.getMessage())
                    .isEqualTo(
                        "plugin acme.Missing (from "
                            + dir
                            + "): class not found (listed in META-INF/services/"
                            + BackbonePlugin.class.getName()
                            + ")");
              });
    }
  }

  @Test
  void aClassThatIsNotAPluginIsNamed() throws Exception {
    try (URLClassLoader loader = loaderWithServices("java.lang.String\n")) {
      assertThatThrownBy(() -> ClassPathPlugins.load(BackbonePlugin.class, loader))
          .isInstanceOf(PluginException.class)
          .hasMessage(
              "plugin java.lang.String (from "
                  + dir
                  + "): is not a "
                  + BackbonePlugin.class.getName());
    }
  }
}

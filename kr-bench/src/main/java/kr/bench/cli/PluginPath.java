package kr.bench.cli;

import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import kr.core.graph.Checks;

/**
 * The plugin path: jars, and folders of jars, named by the environment variable {@value #ENV} and
 * by {@code --plugin-path} (each a {@code :}-separated list; the variable's entries first). Their
 * plugins (backbones, dynamic-kernel methods, datasets) are found by the same {@code
 * META-INF/services} discovery as the class path's, through a class loader over the jars whose
 * parent is the application's: the command line makes it the thread's context class loader, which
 * {@link kr.backbones.registry.PluginRegistry} and {@link kr.data.spi.DatasetsModule} look up
 * plugins on. Nothing else is searched: plugins come from the class path and these jars only.
 *
 * <p>Every entry is checked before anything loads: a missing or unreadable path, or a file that is
 * not a jar, is an {@link IllegalArgumentException} naming the entry, where it was given and what
 * was expected. A folder contributes its {@code *.jar} files in name order (other files are
 * ignored); empty entries ({@code a::b}) are skipped and a jar named twice is loaded once.
 *
 * @param jars the jars to load, in order
 */
record PluginPath(List<Path> jars) {

  /** Environment variable holding plugin jars and folders, {@code :}-separated. */
  static final String ENV = "KR_PLUGIN_PATH";

  /** The option that adds plugin jars and folders. */
  static final String OPTION = "--plugin-path";

  PluginPath {
    jars = List.copyOf(Checks.notNull("jars", jars));
  }

  /**
   * The jars named by {@value #ENV} in {@code env} and by each {@code --plugin-path} value.
   *
   * @throws IllegalArgumentException one line naming a bad entry
   */
  static PluginPath of(Map<String, String> env, List<String> optionValues) {
    Set<Path> jars = new LinkedHashSet<>();
    String fromEnv = env.get(ENV);
    if (fromEnv != null) {
      addAll(jars, ENV + " entry", fromEnv);
    }
    for (String v : optionValues) {
      addAll(jars, OPTION, v);
    }
    return new PluginPath(new ArrayList<>(jars));
  }

  private static void addAll(Set<Path> jars, String origin, String list) {
    for (String entry : list.split(File.pathSeparator, -1)) {
      if (!entry.isBlank()) {
        add(jars, origin, Path.of(entry.strip()));
      }
    }
  }

  private static void add(Set<Path> jars, String origin, Path entry) {
    String what = origin + " " + entry;
    if (!Files.exists(entry)) {
      throw new IllegalArgumentException(
          what + ": no such file or directory (expected a jar or a folder of jars)");
    }
    if (!Files.isReadable(entry)) {
      throw new IllegalArgumentException(what + ": not readable (permission denied)");
    }
    if (!Files.isDirectory(entry)) {
      jars.add(checkedJar(what, entry));
      return;
    }
    List<Path> inFolder;
    try (Stream<Path> files = Files.list(entry)) {
      inFolder =
          files
              .filter(f -> f.getFileName().toString().endsWith(".jar"))
              .filter(Files::isRegularFile)
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new IllegalArgumentException(what + ": cannot list the folder (" + e + ")", e);
    }
    for (Path jar : inFolder) {
      if (!Files.isReadable(jar)) {
        throw new IllegalArgumentException(
            origin + " " + entry + ": " + jar + " is not readable (permission denied)");
      }
      jars.add(checkedJar(origin + " " + entry + ": " + jar, jar));
    }
  }

  /** The jar's real path, after opening it as a jar. */
  private static Path checkedJar(String what, Path jar) {
    try (JarFile j = new JarFile(jar.toFile())) {
      j.size();
      return jar.toRealPath();
    } catch (IOException | SecurityException e) {
      throw new IllegalArgumentException(
          what + ": not a jar (" + Failure.oneLine(String.valueOf(e.getMessage())) + ")", e);
    }
  }

  /** True when no jar is named. */
  boolean isEmpty() {
    return jars.isEmpty();
  }

  /**
   * A class loader over the jars, child of {@code parent}: what plugins are looked up on.
   *
   * <p>It stays open for the life of the process: classes of the plugins it loaded keep using it.
   */
  @SuppressWarnings("resource")
  ClassLoader loader(ClassLoader parent) {
    URL[] urls = new URL[jars.size()];
    for (int i = 0; i < urls.length; i++) {
      try {
        urls[i] = jars.get(i).toUri().toURL();
      } catch (MalformedURLException e) {
        throw new IllegalArgumentException(OPTION + " " + jars.get(i) + ": " + e.getMessage(), e);
      }
    }
    return new URLClassLoader("kr-plugins", urls, parent);
  }
}

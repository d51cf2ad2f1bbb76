package kr.backbones.registry;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import kr.core.graph.Checks;

/**
 * Finds the providers of a plugin type listed in {@code META-INF/services/<type>} files on a class
 * loader, as {@link java.util.ServiceLoader} does for the class path (same file format, same order,
 * duplicates listed twice loaded once), but reports a broken entry as a {@link PluginException}
 * naming the class and the jar or directory it came from, which {@code ServiceLoader}'s {@link
 * java.util.ServiceConfigurationError} does not.
 */
final class ClassPathPlugins {
  private ClassPathPlugins() {}

  /**
   * A plugin instance and where it came from.
   *
   * @param className its class name
   * @param source the jar or class directory it came from, if known
   * @param plugin the instance, made with its public no-argument constructor
   */
  record Found<P>(String className, Optional<String> source, P plugin) {}

  /**
   * Every provider of {@code type} listed on {@code loader}'s class path, instantiated.
   *
   * @throws PluginException for an entry whose class is missing, is not a {@code type}, has no
   *     public no-argument constructor, or whose constructor throws
   */
  static <P> List<Found<P>> load(Class<P> type, ClassLoader loader) {
    Checks.notNull("type", type);
    Checks.notNull("loader", loader);
    String file = "META-INF/services/" + type.getName();
    List<Found<P>> found = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (URL url : resources(loader, file)) {
      for (String name : entries(url)) {
        if (seen.add(name)) {
          found.add(instantiate(type, loader, name, url));
        }
      }
    }
    return List.copyOf(found);
  }

  private static <P> Found<P> instantiate(
      Class<P> type, ClassLoader loader, String name, URL listedIn) {
    Optional<String> listedSource = source(listedIn);
    Class<?> c;
    try {
      c = Class.forName(name, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new PluginException(
          name,
          listedSource,
          (e instanceof ClassNotFoundException ? "class not found" : "class cannot be loaded: " + e)
              + " (listed in META-INF/services/"
              + type.getName()
              + ")",
          e);
    }
    Optional<String> source = codeSource(c).or(() -> listedSource);
    if (!type.isAssignableFrom(c)) {
      throw new PluginException(name, source, "is not a " + type.getName(), null);
    }
    try {
      return new Found<>(name, source, type.cast(c.getConstructor().newInstance()));
    } catch (NoSuchMethodException | IllegalAccessException | InstantiationException e) {
      throw new PluginException(
          name, source, "needs a public no-argument constructor (" + e + ")", e);
    } catch (InvocationTargetException e) {
      throw new PluginException(name, source, "constructor threw " + e.getCause(), e.getCause());
    } catch (RuntimeException | LinkageError e) {
      throw new PluginException(name, source, "cannot be instantiated: " + e, e);
    }
  }

  /** The class names in a services file: one per line, {@code #} starts a comment. */
  private static List<String> entries(URL url) {
    List<String> names = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(url.openStream(), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        int hash = line.indexOf('#');
        String name = (hash >= 0 ? line.substring(0, hash) : line).strip();
        if (!name.isEmpty()) {
          names.add(name);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + url + ": " + e.getMessage(), e);
    }
    return names;
  }

  private static List<URL> resources(ClassLoader loader, String file) {
    try {
      return Collections.list(loader.getResources(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + file + ": " + e.getMessage(), e);
    }
  }

  /** The jar or directory a class was loaded from. */
  static Optional<String> codeSource(Class<?> c) {
    CodeSource cs = c.getProtectionDomain().getCodeSource();
    return cs == null || cs.getLocation() == null ? Optional.empty() : path(cs.getLocation());
  }

  /** The jar (or class directory) holding a services file. */
  private static Optional<String> source(URL servicesFile) {
    if ("jar".equals(servicesFile.getProtocol())) {
      try {
        return path(((JarURLConnection) servicesFile.openConnection()).getJarFileURL());
      } catch (IOException | ClassCastException e) {
        return Optional.empty();
      }
    }
    if ("file".equals(servicesFile.getProtocol())) {
      // .../classes/META-INF/services/<type> -> .../classes
      return path(servicesFile).map(p -> Path.of(p).getParent().getParent().getParent().toString());
    }
    return Optional.of(servicesFile.toString());
  }

  private static Optional<String> path(URL url) {
    try {
      return Optional.of(
          "file".equals(url.getProtocol()) ? Path.of(url.toURI()).toString() : url.toString());
    } catch (URISyntaxException | IllegalArgumentException e) {
      return Optional.of(url.toString());
    }
  }
}

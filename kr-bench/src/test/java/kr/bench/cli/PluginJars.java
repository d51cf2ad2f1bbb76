package kr.bench.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Plugin jars written by tests, as a third party would build them: Java sources compiled with
 * {@link ToolProvider#getSystemJavaCompiler()} against the test class path (the published API),
 * then packed with {@code META-INF/services} files.
 */
final class PluginJars {
  /** The class path the tests (and their child {@code kr} processes) run with. */
  static final String CLASS_PATH =
      System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));

  private PluginJars() {}

  /**
   * Compiles {@code sources} (class name → source text, e.g. {@code acme.Net}) into {@code
   * dir/classes}.
   *
   * @return the class directory
   */
  static Path compile(Path dir, Map<String, String> sources) throws IOException {
    Path src = Files.createDirectories(dir.resolve("src"));
    Path classes = Files.createDirectories(dir.resolve("classes"));
    List<String> files = new ArrayList<>();
    for (Map.Entry<String, String> e : sources.entrySet()) {
      Path file = src.resolve(e.getKey().replace('.', '/') + ".java");
      Files.createDirectories(file.getParent());
      Files.writeString(file, e.getValue());
      files.add(file.toString());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter log = new StringWriter();
    try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, UTF_8)) {
      boolean ok =
          javac
              .getTask(
                  log,
                  fm,
                  null,
                  List.of("-cp", CLASS_PATH, "-d", classes.toString(), "-proc:none"),
                  null,
                  fm.getJavaFileObjectsFromStrings(files))
              .call();
      assertThat(ok).as(log.toString()).isTrue();
    }
    return classes;
  }

  /**
   * Writes {@code jar} holding every class file under {@code classes} whose name starts with one of
   * {@code classPrefixes} (e.g. {@code acme/Net}), plus one services file per entry of {@code
   * services} (service type → provider class names).
   */
  static Path jar(
      Path jar, Path classes, List<String> classPrefixes, Map<String, List<String>> services)
      throws IOException {
    Files.createDirectories(jar.toAbsolutePath().getParent());
    try (OutputStream os = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(os)) {
      for (Map.Entry<String, List<String>> s : services.entrySet()) {
        out.putNextEntry(new JarEntry("META-INF/services/" + s.getKey()));
        out.write(("# test plugin\n" + String.join("\n", s.getValue()) + "\n").getBytes(UTF_8));
        out.closeEntry();
      }
      try (Stream<Path> files = Files.walk(classes)) {
        for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
          String name = classes.relativize(f).toString().replace('\\', '/');
          if (classPrefixes.stream().anyMatch(name::startsWith)) {
            out.putNextEntry(new JarEntry(name));
            out.write(Files.readAllBytes(f));
            out.closeEntry();
          }
        }
      }
    }
    return jar;
  }
}

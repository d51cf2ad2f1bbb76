package kr.bench.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import kr.train.RunDirectory;
import picocli.CommandLine.IVersionProvider;

/**
 * What {@code kr -V} prints: the version and the git commit the build was made from. The build
 * writes both into {@code kr/bench/version.properties} (the launcher passes {@code
 * -Dgit.commit=$(git rev-parse HEAD)}); a build without it falls back to {@code git rev-parse HEAD}
 * in the working directory, and to {@code unknown}.
 */
public final class Version implements IVersionProvider {
  static final String RESOURCE = "/kr/bench/version.properties";

  @Override
  public String[] getVersion() {
    return new String[] {"KR-Java " + version() + " (commit " + commit() + ")"};
  }

  /** The project version of this build. */
  public static String version() {
    return properties().getProperty("version", "unknown");
  }

  /** The git commit of this build, of the working directory's checkout, or {@code unknown}. */
  public static String commit() {
    String c = properties().getProperty("commit", "unknown");
    return c.matches("[0-9a-f]{7,40}") ? c : RunDirectory.gitCommit();
  }

  private static Properties properties() {
    Properties p = new Properties();
    try (InputStream in = Version.class.getResourceAsStream(RESOURCE)) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }
}

package kr.backbones.registry;

import java.util.Optional;

/**
 * A plugin on the class path that cannot be used: its class is missing or is not a plugin, its
 * constructor or {@code module()} throws, or it contributes a name another plugin already has. The
 * message is one line naming the plugin class, the jar or directory it came from, and what went
 * wrong; the command line prints it and exits with a usage error.
 */
public final class PluginException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String pluginClass;
  private final String source;

  /**
   * @param pluginClass the plugin's class name, as listed in {@code META-INF/services}
   * @param source the jar or class directory it came from, or empty when unknown
   * @param problem what went wrong, one line
   * @param cause the underlying error, or {@code null}
   */
  public PluginException(
      String pluginClass, Optional<String> source, String problem, Throwable cause) {
    super(
        "plugin "
            + pluginClass
            + source.map(s -> " (from " + s + ")").orElse("")
            + ": "
            + problem.replaceAll("\\s*\\R\\s*", "; ").strip(),
        cause);
    this.pluginClass = pluginClass;
    this.source = source.orElse("");
  }

  /** The plugin's class name. */
  public String pluginClass() {
    return pluginClass;
  }

  /** The jar or class directory the plugin came from, if known. */
  public Optional<String> source() {
    return source.isEmpty() ? Optional.empty() : Optional.of(source);
  }
}

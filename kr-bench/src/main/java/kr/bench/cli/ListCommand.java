package kr.bench.cli;

import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import kr.backbones.Backbones;
import kr.backbones.methods.DynamicKernelMethods;
import kr.backbones.registry.PluginRegistry;
import kr.data.spi.DatasetProvider;
import kr.data.spi.Datasets;
import kr.train.recipe.Recipe;
import kr.train.recipe.Recipes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code kr list}: the registered backbones, dynamic-kernel methods and datasets. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description =
        "List the backbones (optionally matching a glob such as 'resnet*'), the "
            + "dynamic-kernel methods and the datasets found on the class path and the plugin "
            + "path (a plugin's entries end with the jar it came from); "
            + "'kr list recipes' lists the training recipes.",
    subcommands = ListCommand.RecipesList.class)
public final class ListCommand implements Runnable {

  @Parameters(arity = "0..1", paramLabel = "GLOB", description = "Only backbones matching it.")
  String glob;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    PrintWriter out = spec.commandLine().getOut();
    Optional<String> builtIn = PluginRegistry.codeSource(Backbones.class);
    out.println("backbones:");
    for (String name : glob == null ? Backbones.list() : Backbones.list(glob)) {
      var f = Backbones.factory(name);
      var in = f.defaultInput();
      out.printf(
          "  %-20s %dx%dx%d  %s%s%n",
          name,
          in.height(),
          in.width(),
          in.channels(),
          f.description(),
          from(Backbones.source(name), builtIn));
    }
    out.println("dynamic-kernel methods:");
    for (String name : DynamicKernelMethods.list()) {
      out.printf(
          "  %-20s %s%s%n",
          name,
          DynamicKernelMethods.get(name).description(),
          from(DynamicKernelMethods.source(name), builtIn));
    }
    out.println("datasets:");
    Datasets datasets = Datasets.discover();
    Optional<String> builtInData = PluginRegistry.codeSource(Datasets.class);
    for (String name : datasets.names()) {
      DatasetProvider p = datasets.provider(name);
      out.printf("  %-20s %s%s%n", name, p.description(), from(datasets.source(name), builtInData));
    }
  }

  /**
   * " (from JAR)" for a plugin outside KR-Java's own modules, else "": the jar relative to the
   * working directory when it lies below it.
   */
  private static String from(Optional<String> source, Optional<String> builtIn) {
    return source
        .filter(s -> !source.equals(builtIn))
        .map(s -> "  (from " + relative(s) + ")")
        .orElse("");
  }

  private static String relative(String source) {
    try {
      Path cwd = Path.of("").toAbsolutePath();
      Path p = Path.of(source);
      return p.startsWith(cwd) ? cwd.relativize(p).toString() : source;
    } catch (InvalidPathException e) {
      return source; // a URL, not a file
    }
  }

  /** {@code kr list recipes}: the named training recipes, one line each. */
  @Command(
      name = "recipes",
      mixinStandardHelpOptions = true,
      description = "List the training recipes (kr recipe show NAME prints one in full).")
  static final class RecipesList implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      PrintWriter out = spec.commandLine().getOut();
      out.println("recipes:");
      for (Recipe r : Recipes.all()) {
        out.printf("  %-20s %s%n", r.name(), r.description());
      }
      out.flush();
    }
  }
}

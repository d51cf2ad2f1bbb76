package kr.bench.cli;

import kr.train.recipe.Recipes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code kr recipe show NAME}: every setting of one training recipe. */
@Command(
    name = "recipe",
    mixinStandardHelpOptions = true,
    description = "Show a named training recipe (see kr list recipes).",
    subcommands = RecipeCommand.Show.class)
public final class RecipeCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code kr recipe show NAME}. */
  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Print every setting of the recipe NAME.")
  static final class Show implements Runnable {
    @Parameters(paramLabel = "NAME", description = "A recipe name (see kr list recipes).")
    String name;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().getOut().print(Recipes.get(name).describe());
      spec.commandLine().getOut().flush();
    }
  }
}

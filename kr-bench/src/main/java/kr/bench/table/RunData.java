package kr.bench.table;

import kr.core.graph.Checks;
import kr.core.model.InputSpec;

/**
 * The data one column of a table run trains on.
 *
 * @param dataset the registry name of the data ({@link Recipes#SYNTHETIC} for generated data)
 * @param paperDataset the paper's dataset whose top-1 column ours is set beside
 * @param input the model input (the data's images are resized/replicated to it)
 * @param classes classes of {@code dataset}
 */
public record RunData(String dataset, String paperDataset, InputSpec input, int classes) {
  public RunData {
    Checks.notNull("dataset", dataset);
    Checks.notNull("paperDataset", paperDataset);
    Checks.notNull("input", input);
    Checks.positive("classes", classes);
  }
}

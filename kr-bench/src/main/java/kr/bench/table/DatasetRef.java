package kr.bench.table;

import kr.core.graph.Checks;

/**
 * A dataset a table reports on, as the paper ran it.
 *
 * @param name the dataset registry name ({@code imagenet}, {@code cifar10}, ...)
 * @param classes its number of classes
 */
public record DatasetRef(String name, int classes) {
  public DatasetRef {
    Checks.notNull("name", name);
    Checks.positive("classes", classes);
  }
}

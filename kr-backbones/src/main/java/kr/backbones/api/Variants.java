package kr.backbones.api;

import java.util.Map;

/** Lookup in a family's variant table, as every backbone family keeps one (name → args). */
public final class Variants {
  private Variants() {}

  /** The args of {@code name}; an unknown name gets an error listing the family's variants. */
  public static <A> A get(Map<String, A> table, String family, String name) {
    A a = table.get(name);
    if (a == null) {
      throw new IllegalArgumentException(
          "unknown "
              + family
              + " variant '"
              + name
              + "'; known: "
              + String.join(", ", table.keySet()));
    }
    return a;
  }
}

package kr.data.idx;

/** Provides {@code "mnist"}: the four IDX files; no default directory. */
public final class MnistProvider extends IdxProvider {
  public MnistProvider() {
    super("mnist", "MNIST digits, 10 classes, 28x28 grayscale, " + FILES);
  }
}

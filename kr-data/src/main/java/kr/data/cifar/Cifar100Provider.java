package kr.data.cifar;

/**
 * Provides {@code "cifar100"}: the binary distribution ({@code cifar-100-binary}), fine or coarse
 * labels.
 */
public final class Cifar100Provider extends CifarProvider {
  public Cifar100Provider() {
    super(
        "cifar100",
        "CIFAR-100, 100 fine or 20 coarse classes, 32x32 RGB, binary files train.bin and test.bin");
  }
}

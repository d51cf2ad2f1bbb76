package kr.data.cifar;

/** Provides {@code "cifar10"}: the binary distribution ({@code cifar-10-batches-bin}). */
public final class Cifar10Provider extends CifarProvider {
  public Cifar10Provider() {
    super(
        "cifar10",
        "CIFAR-10, 10 classes, 32x32 RGB, binary files data_batch_1..5.bin and test_batch.bin");
  }
}

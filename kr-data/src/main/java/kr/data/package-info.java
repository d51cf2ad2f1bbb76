/**
 * The data model shared by every dataset: {@link kr.data.DatasetInfo}, {@link kr.data.Split},
 * {@link kr.data.Dataset} and its per-split {@link kr.data.ExampleSource}, {@link kr.data.Image}
 * (HWC floats on the 0..255 scale) and {@link kr.data.ImageOp} transforms, in-memory {@link
 * kr.data.PackedSplit}s of uint8 bytes, and {@link kr.data.DatasetFormatException} for malformed
 * input.
 *
 * <p>Formats live in {@code kr.data.idx} (MNIST, Fashion-MNIST), {@code kr.data.cifar}, {@code
 * kr.data.imagenet}; transforms in {@code kr.data.augment}; batching in {@code kr.data.pipeline};
 * lookup by name in {@code kr.data.spi}.
 */
package kr.data;

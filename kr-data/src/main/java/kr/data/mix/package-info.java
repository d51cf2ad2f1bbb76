/**
 * Batch-level mixing of images and labels: {@link kr.data.mix.MixupCutmix} (timm's {@code Mixup} in
 * batch mode) and the Beta sampler it draws λ from.
 */
package kr.data.mix;

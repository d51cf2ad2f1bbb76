/** ImageNet in the class-folder layout, decoded from disk with {@code javax.imageio}. */
package kr.data.imagenet;

/** CIFAR-10 and CIFAR-100 from their binary distributions. */
package kr.data.cifar;

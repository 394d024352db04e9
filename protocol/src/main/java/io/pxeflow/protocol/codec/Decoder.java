package io.pxeflow.protocol.codec;

/** Turns any bytes into a value or a failure with its reason; never throws. */
@FunctionalInterface
public interface Decoder<T> {
    Decoded<T> decode(byte[] bytes);
}

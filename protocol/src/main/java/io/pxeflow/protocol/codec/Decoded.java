package io.pxeflow.protocol.codec;

/** The result of decoding untrusted bytes: a value, or the reason it was refused. Never throws. */
public sealed interface Decoded<T> {
    record Ok<T>(T value) implements Decoded<T> {
    }

    record Failure<T>(String reason) implements Decoded<T> {
    }

    static <T> Decoded<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Decoded<T> failure(String reason) {
        return new Failure<>(reason);
    }
}

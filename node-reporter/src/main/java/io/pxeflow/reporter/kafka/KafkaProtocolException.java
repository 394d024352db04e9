package io.pxeflow.reporter.kafka;

/** A response the lean producer cannot read: the connection is dropped and the request retried. */
final class KafkaProtocolException extends RuntimeException {
    KafkaProtocolException(String message) {
        super(message);
    }
}

package io.pxeflow.reporter.kafka;

/** A record the lean producer gave up on: an error Kafka calls fatal, or the delivery timeout ran out. */
public final class DeliveryFailedException extends Exception {
    DeliveryFailedException(String message) {
        super(message);
    }
}

package io.pxeflow.simulator.model;

/** One field of one node (or one unknown MAC) where the controller disagrees with the reference model. */
public record Divergence(String subject, String field, String expected, String actual) {
    @Override
    public String toString() {
        return subject + ": " + field + " expected " + expected + ", controller has " + actual;
    }
}

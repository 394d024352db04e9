package io.pxeflow.protocol.field;

/** A value that may not reach a generated file or the state machine; names the field. */
public final class InvalidFieldException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String field;

    public InvalidFieldException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
    }

    public String field() {
        return field;
    }
}

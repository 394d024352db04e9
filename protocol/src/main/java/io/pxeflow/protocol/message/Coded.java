package io.pxeflow.protocol.message;

/**
 * An enum with a stable wire code. Codes never change once released; a code this build does not
 * know (from a newer writer) decodes to the enum's {@code UNKNOWN} constant instead of failing.
 */
public interface Coded {
    String code();

    static <E extends Enum<E> & Coded> E fromCode(Class<E> type, String code, E unknown) {
        if (code != null) {
            for (E e : type.getEnumConstants()) {
                if (e.code().equalsIgnoreCase(code)) {
                    return e;
                }
            }
        }
        return unknown;
    }
}

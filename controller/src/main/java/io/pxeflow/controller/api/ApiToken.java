package io.pxeflow.controller.api;

/**
 * A bearer token the admin API accepts: its name (what events and logs record as the caller;
 * never the value), whether it may change the cluster or only read it, and the secret itself.
 */
public record ApiToken(String name, Role role, String value) {
    /** What a token may do. */
    public enum Role { ADMIN, READ }

    /** Tokens shorter than this are refused: a guessable token is no token. */
    public static final int MIN_LENGTH = 16;

    public ApiToken {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new IllegalArgumentException("a token name is 1-64 letters, digits, '.', '_' or '-': " + name);
        }
        if (role == null) {
            throw new IllegalArgumentException("token " + name + ": no role");
        }
        value = value == null ? "" : value.trim();
        if (value.length() < MIN_LENGTH || !value.chars().allMatch(ch -> ch > 32 && ch < 127)) {
            throw new IllegalArgumentException("token " + name + ": at least " + MIN_LENGTH
                + " printable characters without spaces (e.g. `openssl rand -hex 32`)");
        }
    }

    public boolean mayChange() {
        return role == Role.ADMIN;
    }

    @Override
    public String toString() {
        return "ApiToken[" + name + ", " + role + "]";
    }
}

package io.pxeflow.controller.api;

/** An error the API answers with: HTTP status, stable code, message, and optional field/suggestion. */
public final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String code;
    private final String field;
    private final String suggestion;

    public ApiError(int status, String code, String message, String field, String suggestion) {
        super(message);
        this.status = status;
        this.code = code;
        this.field = field;
        this.suggestion = suggestion;
    }

    public static ApiError invalid(String field, String message) {
        return new ApiError(400, "invalid", message, field, null);
    }

    public static ApiError notFound(String message, String suggestion) {
        return new ApiError(404, "not_found", message, null, suggestion);
    }

    public static ApiError conflict(String message) {
        return new ApiError(409, "conflict", message, null, null);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }

    public String suggestion() {
        return suggestion;
    }
}

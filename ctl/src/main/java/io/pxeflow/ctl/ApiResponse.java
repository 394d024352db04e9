package io.pxeflow.ctl;

import com.fasterxml.jackson.databind.JsonNode;

/** A status and a body, kept as text so {@code -o json} can pass it through unchanged. */
public record ApiResponse(int status, String body) {
    public JsonNode json() {
        return JsonOut.parse(body);
    }

    public boolean accepted() {
        return status == 202;
    }
}

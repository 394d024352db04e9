package io.pxeflow.ctl;

/** {@code -o}: a table that fits 80 columns, every column, or the API's JSON for scripts. */
public enum OutputFormat {
    table, wide, json
}

package io.pxeflow.inventory;

/** A value and the line that set it, so later checks can point at the right line. */
record Lined<T>(int line, T value) {
}

package io.pxeflow.inventory;

/** Something wrong (or worth a warning) at one line of an inventory file. */
public record Problem(String file, int line, String reason) {

    @Override
    public String toString() {
        return file + ":" + line + ": " + reason;
    }
}

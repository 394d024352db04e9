package io.pxeflow.power.domain;

/**
 * A user name and password for a BMC, as read from the head node's credentials file. Lives only
 * in the power worker's memory for the length of a request; {@link #toString()} never shows the
 * password, so a log line or an exception that prints a login cannot leak it.
 */
public record BmcLogin(String username, String password) {
    @Override
    public String toString() {
        return "BmcLogin[username=" + username + ", password=(hidden)]";
    }
}

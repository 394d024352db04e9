package io.pxeflow.power.domain;

/** Where logins come from: the head node's credentials files, read per request so a rotated password takes effect. */
public interface BmcLogins {
    /** The login stored under {@code name}; a {@code credentials} BmcException saying what to fix when there is none. */
    BmcLogin read(String name) throws BmcException;
}

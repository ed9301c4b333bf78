package io.beacon.common;

/**
 * Makes every write done so far survive a crash of the process: on the embedded store, a commit of its
 * file; on real MongoDB nothing (its write concern waited already). A projection whose view must never
 * go back after a crash (an upload's progress) calls it before showing an event, so it shows only events
 * that a restart still has.
 */
@FunctionalInterface
public interface Durability {

    void awaitDurable();
}

package io.beacon.common;

/**
 * A read-model view of an aggregate: {@code version} is the number of events it has had, and
 * {@code deleted} marks the tombstone sent to subscribers when it is deleted.
 */
public interface VersionedView {

    long version();

    boolean deleted();
}

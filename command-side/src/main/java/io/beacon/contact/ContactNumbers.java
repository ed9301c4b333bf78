package io.beacon.contact;

/**
 * Hands out the integer ids of contacts, in creation order, apart from companies' numbers.
 * Numbers are never reused; a command that fails after taking one leaves a hole, which is harmless.
 */
public interface ContactNumbers {

    long next();
}

package io.beacon.company;

/**
 * Hands out the integer ids of companies, in creation order. Numbers are never reused; a command
 * that fails after taking one leaves a hole, which is harmless.
 */
public interface CompanyNumbers {

    long next();
}

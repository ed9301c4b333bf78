package io.beacon.gateway.upload;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One record of an uploaded file: {@code number} counts records from 1 (a CSV header and blank lines are
 * not records); {@code data} is the record as the create action's {@code data}, or null when the record
 * itself is unreadable, and {@code error} says why.
 */
record UploadRow(long number, ObjectNode data, String error) {
}

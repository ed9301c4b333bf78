package io.beacon.gateway.history;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The {@code data} of the history actions; each action accepts only its own fields (the registry
 * refuses the others): {@code company_uuid} or {@code contact_uuid}, then {@code from_sequence} and
 * {@code limit} for a history, {@code as_of} for a past state.
 */
record HistoryParams(@JsonProperty("company_uuid") String companyUuid,
                     @JsonProperty("contact_uuid") String contactUuid,
                     @JsonProperty("from_sequence") Long fromSequence,
                     @JsonProperty("limit") Integer limit,
                     @JsonProperty("as_of") String asOf) {
}

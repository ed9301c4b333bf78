package io.beacon.gateway.upload;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * Settings of uploads ({@code beacon.uploads.*}, e.g. {@code BEACON_UPLOADS_MAX_BYTES}).
 *
 * @param maxBytes         largest file accepted ({@code payload_too_large} past it)
 * @param maxRows          most records a file may have ({@code payload_too_large} past it)
 * @param workers          uploads one node processes at a time
 * @param rowThreads       rows of one upload handled at once (commands in flight)
 * @param batchRows        rows read ahead and handled as one batch
 * @param progressInterval least time between two progress records of an upload (the rate bound of
 *                         {@code UploadProgressed}), except for the last one
 * @param progressMaxRows  most rows one progress record covers, so a record's errors stay small
 * @param readModelLag     most rows an upload may run ahead of the read model (companies, contacts): it
 *                         waits for the read model to show what it created before going further, so a large
 *                         upload never leaves the read model (and every other writer's read-your-writes wait)
 *                         far behind, and {@code completed} means every created record can be read
 * @param lease            how long a node's claim on an upload lasts without renewal (another node
 *                         takes the upload over after that)
 * @param poll             how often a node looks for uploads to take up (it is also woken by a new one)
 * @param receivingTimeout after how long a file still being received is taken for abandoned (its
 *                         receiving node died) and removed
 * @param maxFailures      attempts that may fail (the store unreachable, say) before the upload is failed
 */
@ConfigurationProperties("beacon.uploads")
public record UploadProperties(@DefaultValue("1GB") DataSize maxBytes,
                               @DefaultValue("1000000") long maxRows,
                               @DefaultValue("2") int workers,
                               @DefaultValue("16") int rowThreads,
                               @DefaultValue("512") int batchRows,
                               @DefaultValue("PT0.5S") Duration progressInterval,
                               @DefaultValue("10000") int progressMaxRows,
                               @DefaultValue("2000") int readModelLag,
                               @DefaultValue("PT30S") Duration lease,
                               @DefaultValue("PT2S") Duration poll,
                               @DefaultValue("PT1H") Duration receivingTimeout,
                               @DefaultValue("5") int maxFailures) {
}

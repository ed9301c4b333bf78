package io.beacon.gateway.write;

import io.beacon.common.BeaconException;
import io.beacon.common.ErrorCode;
import io.beacon.gateway.auth.WriteKeys;
import io.beacon.gateway.ws.ActionContext;
import org.springframework.stereotype.Component;

/**
 * Writes need the admin role and the write key; anything else is {@code forbidden}. Company and
 * contact writes share it.
 */
@Component
public class WriteGuard {

    private final WriteKeys writeKeys;

    WriteGuard(WriteKeys writeKeys) {
        this.writeKeys = writeKeys;
    }

    public void require(ActionContext context) {
        context.requireAdmin();
        if (context.writeKey() == null || !writeKeys.matches(context.writeKey())) {
            throw new BeaconException(ErrorCode.FORBIDDEN, context.action() + " requires a valid write key");
        }
    }
}

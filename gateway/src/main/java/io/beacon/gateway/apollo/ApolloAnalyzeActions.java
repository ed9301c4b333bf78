package io.beacon.gateway.apollo;

import io.beacon.common.ErrorCode;
import io.beacon.gateway.ws.ActionContext;
import io.beacon.gateway.ws.ActionDefinition;
import io.beacon.gateway.ws.ActionFamily;
import io.beacon.gateway.ws.Endpoint;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code analyze} on the Apollo endpoint (seed 001): takes an Apollo people-search URL apart and
 * describes every parameter from the {@link ApolloCatalogue}. Pure computation, no store access.
 */
@Component
class ApolloAnalyzeActions implements ActionFamily {

    private final ApolloCatalogue catalogue;

    ApolloAnalyzeActions(ApolloCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @Override
    public boolean readOnly() {
        return true;
    }

    @Override
    public Endpoint endpoint() {
        return Endpoint.APOLLO;
    }

    @Override
    public List<ActionDefinition<?>> actions() {
        return List.of(ActionDefinition.of("analyze", AnalyzeParams.class, ErrorCode.ANALYSIS_ERROR, this::analyze));
    }

    private CompletionStage<ApolloAnalysis> analyze(ActionContext context, AnalyzeParams params) {
        return CompletableFuture.completedFuture(ApolloAnalysis.of(ApolloUrl.parse(params.urlText()), catalogue));
    }
}

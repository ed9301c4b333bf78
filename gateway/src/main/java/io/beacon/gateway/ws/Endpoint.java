package io.beacon.gateway.ws;

/**
 * The request/response WebSocket endpoints; each has its own set of actions.
 */
public enum Endpoint {
    COMPANIES("/api/v1/companies/ws"),
    APOLLO("/api/v2/apollo/ws");

    private final String path;

    Endpoint(String path) {
        this.path = path;
    }

    public String path() {
        return path;
    }
}

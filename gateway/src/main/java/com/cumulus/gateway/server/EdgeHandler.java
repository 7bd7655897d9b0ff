package com.cumulus.gateway.server;

/** What the gateway does with each request of its server: the edge pipeline. */
public interface EdgeHandler {

    /** A new request (head only; its body waits on the connection). Runs on the connection's event loop. */
    void handle(ClientRequest request);

    /** The answer to the request is complete (not called when the client left before). */
    void completed(ClientRequest request);
}

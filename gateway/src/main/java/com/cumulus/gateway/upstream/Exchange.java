package com.cumulus.gateway.upstream;

import com.cumulus.common.events.RequestIds;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.DecoderResultProvider;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import com.cumulus.gateway.server.ClientRequest;
import org.jboss.logging.Logger;


/**
 * One request relayed to its upstream on a pooled connection of the event loop it arrived on, and the answer relayed
 * back as it comes: no buffering of bodies, backpressure both ways (the client's request is paused while the upstream
 * connection is not writable; the upstream connection stops reading while the client's response queue is full).
 * Everything runs on that event loop.
 */
final class Exchange implements ClientRequest.Relay {

    private static final Logger LOG = Logger.getLogger(Exchange.class);

    private final UpstreamTarget target;
    private final ClientRequest request;
    private final HttpMethod method;
    private final String uri;
    private final HttpHeaders headers;
    private final boolean body;
    private final String requestId;

    private UpstreamConnection connection;
    /** The exchange is settled (answered, failed or abandoned); late events are ignored. */
    private boolean over;
    private boolean requestSent;
    private boolean responseStarted;
    private boolean informational;
    private boolean knownLength;
    private boolean keepAlive = true;

    Exchange(UpstreamTarget target, ClientRequest request, HttpMethod method, String uri, HttpHeaders headers,
             boolean body, String requestId) {
        this.target = target;
        this.request = request;
        this.method = method;
        this.uri = uri;
        this.headers = headers;
        this.body = body;
        this.requestId = requestId;
    }

    /** Sends the request head (and then the body as it arrives) on the connection. */
    void begin(UpstreamConnection on) {
        if (over || request.gone()) {
            // the client left while this exchange waited for a connection
            over = true;
            on.finished(true);
            return;
        }
        connection = on;
        Channel channel = on.channel();
        if (!body) {
            requestSent = true;
            channel.writeAndFlush(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri, Unpooled.EMPTY_BUFFER,
                    headers, EmptyHttpHeaders.INSTANCE), channel.voidPromise());
            request.relayTo(this);
            return;
        }
        channel.write(new DefaultHttpRequest(HttpVersion.HTTP_1_1, method, uri, headers), channel.voidPromise());
        request.relayTo(this);
    }

    @Override
    public void bodyChunk(ByteBuf data) {
        UpstreamConnection on = connection;
        if (on == null || over) {
            data.release();
            return;
        }
        Channel channel = on.channel();
        channel.writeAndFlush(new DefaultHttpContent(data), channel.voidPromise());
        if (!channel.isWritable()) {
            request.pauseBody();
        }
    }

    @Override
    public void bodyEnd() {
        UpstreamConnection on = connection;
        if (on != null && !over) {
            requestSent = true;
            on.channel().writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT, on.channel().voidPromise());
        }
    }

    @Override
    public void clientGone() {
        abandon();
    }

    void upstreamWritable(boolean writable) {
        if (body && !requestSent && !over) {
            if (writable) {
                request.resumeBody();
            } else {
                request.pauseBody();
            }
        }
    }

    /** The upstream's read is over: what was written to the client goes out in one flush. */
    void upstreamReadComplete() {
        if (responseStarted && !over) {
            request.flush();
        }
    }

    void upstreamRead(Object message) {
        try {
            if (over) {
                return;
            }
            if (message instanceof DecoderResultProvider decoded && decoded.decoderResult().isFailure()) {
                Throwable cause = decoded.decoderResult().cause();
                UpstreamConnection failedOn = connection;
                connection = null;
                failedOn.finished(false);
                transportFailed(cause);
                return;
            }
            if (message instanceof HttpResponse head) {
                int status = head.status().code();
                if (status < 200) {
                    // 100 Continue and the like: the final answer follows
                    informational = true;
                    return;
                }
                responseHead(head, status);
            }
            if (message instanceof HttpContent content) {
                if (informational) {
                    informational = !(content instanceof LastHttpContent);
                    return;
                }
                responseContent(content);
            }
        } finally {
            ReferenceCountUtil.release(message);
        }
    }

    private void responseHead(HttpResponse head, int status) {
        responseStarted = true;
        target.breaker().success();
        keepAlive = HttpUtil.isKeepAlive(head);
        HttpHeaders out = head.headers();
        for (String name : Forwarder.NOT_RETURNED) {
            out.remove(name);
        }
        out.set(RequestIds.HEADER, requestId);
        // the upstream's head goes to the client as it is (status line, reason phrase, headers): no copy
        head.setProtocolVersion(HttpVersion.HTTP_1_1);
        request.respond(head);
    }

    private void responseContent(HttpContent content) {
        if (request.gone()) {
            abandon();
            return;
        }
        ByteBuf data = content.content();
        if (content instanceof LastHttpContent) {
            UpstreamConnection done = connection;
            connection = null;
            over = true;
            // reusable only when the whole request went out and the upstream keeps the connection open
            done.finished(keepAlive && requestSent);
            request.end(data.isReadable() ? data.retain() : null);
            return;
        }
        if (!data.isReadable()) {
            return;
        }
        // the decoded buffer itself goes to the client (released once written): no copy
        request.write(data.retain());
        if (!request.writable()) {
            Channel channel = connection.channel();
            channel.config().setAutoRead(false);
            request.onWritable(() -> channel.config().setAutoRead(true));
        }
    }

    /** The client went away: the upstream connection is mid-exchange, so it is closed, not reused. */
    private void abandon() {
        if (over) {
            return;
        }
        over = true;
        UpstreamConnection abandoned = connection;
        connection = null;
        if (abandoned != null) {
            abandoned.finished(false);
        }
    }

    void connectFailed(Throwable cause) {
        fail(cause instanceof ConnectTimeoutException ? 504 : 502, cause);
    }

    /** The connection failed or closed mid-exchange (it is already closing). */
    void transportFailed(Throwable cause) {
        connection = null;
        fail(502, cause);
    }

    /** The upstream was silent for the response timeout (the connection is already closing). */
    void timedOut() {
        connection = null;
        fail(504, null);
    }

    private void fail(int status, Throwable cause) {
        if (over) {
            return;
        }
        over = true;
        LOG.debugf("upstream %s failed: %s", target.name(), cause == null ? "timeout" : cause.toString());
        if (responseStarted) {
            // the status is already decided (and maybe sent): all the client can be told is that the answer broke off
            if (!request.responseEnded() && !request.gone()) {
                request.reset();
            }
            return;
        }
        target.breaker().failure();
        Forwarder.reject(target, request, status, requestId);
    }
}

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
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.buffer.impl.VertxByteBufAllocator;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.MultiMap;
import org.jboss.logging.Logger;

import java.util.Map;

/**
 * One request relayed to its upstream on a pooled connection of the event loop it arrived on, and the answer relayed
 * back as it comes: no buffering of bodies, backpressure both ways (the client's request is paused while the upstream
 * connection is not writable; the upstream connection stops reading while the client's response queue is full).
 * Everything runs on that event loop.
 */
final class Exchange {

    private static final Logger LOG = Logger.getLogger(Exchange.class);

    private final UpstreamTarget target;
    private final HttpServerRequest request;
    private final HttpServerResponse response;
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

    Exchange(UpstreamTarget target, HttpServerRequest request, HttpMethod method, String uri, HttpHeaders headers,
             boolean body, String requestId) {
        this.target = target;
        this.request = request;
        this.response = request.response();
        this.method = method;
        this.uri = uri;
        this.headers = headers;
        this.body = body;
        this.requestId = requestId;
    }

    /** Sends the request head (and then the body as it arrives) on the connection. */
    void begin(UpstreamConnection on) {
        if (over) {
            // the client left while this exchange waited for a connection
            on.finished(true);
            return;
        }
        connection = on;
        Channel channel = on.channel();
        if (!body) {
            requestSent = true;
            channel.writeAndFlush(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri, Unpooled.EMPTY_BUFFER,
                    headers, EmptyHttpHeaders.INSTANCE), channel.voidPromise());
            return;
        }
        channel.write(new DefaultHttpRequest(HttpVersion.HTTP_1_1, method, uri, headers), channel.voidPromise());
        if ("100-continue".equalsIgnoreCase(request.getHeader("Expect"))) {
            response.writeContinue();
        }
        request.handler(chunk -> {
            if (connection == on && !over) {
                channel.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(chunk.getByteBuf())),
                        channel.voidPromise());
                if (!channel.isWritable()) {
                    request.pause();
                }
            }
        });
        request.exceptionHandler(failure -> abandon());
        request.endHandler(end -> {
            if (connection == on && !over) {
                requestSent = true;
                channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT, channel.voidPromise());
            }
        });
        request.resume();
    }

    void upstreamWritable(boolean writable) {
        if (body && !requestSent && !over) {
            if (writable) {
                request.resume();
            } else {
                request.pause();
            }
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
        response.setStatusCode(status);
        String reason = head.status().reasonPhrase();
        // a custom reason phrase only when it differs from the standard one (which Netty encodes pre-built)
        if (!reason.equals(HttpResponseStatus.valueOf(status).reasonPhrase())) {
            response.setStatusMessage(reason);
        }
        MultiMap out = response.headers();
        for (Map.Entry<String, String> header : head.headers()) {
            if (!Forwarder.NOT_RETURNED.contains(header.getKey())) {
                out.add(header.getKey(), header.getValue());
            }
        }
        out.set(RequestIds.HEADER, requestId);
        knownLength = head.headers().contains(HttpHeaderNames.CONTENT_LENGTH);
    }

    private void responseContent(HttpContent content) {
        if (response.closed()) {
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
            if (data.isReadable()) {
                response.end(copy(data));
            } else {
                response.end();
            }
            return;
        }
        if (!data.isReadable()) {
            return;
        }
        if (!knownLength && !response.isChunked()) {
            response.setChunked(true);
        }
        response.write(copy(data));
        if (response.writeQueueFull()) {
            Channel channel = connection.channel();
            channel.config().setAutoRead(false);
            response.drainHandler(drained -> channel.config().setAutoRead(true));
        }
    }

    /** Into a heap buffer the response may keep: the upstream's pooled buffer is released after this read. */
    private static Buffer copy(ByteBuf data) {
        ByteBuf copy = VertxByteBufAllocator.DEFAULT.heapBuffer(data.readableBytes());
        copy.writeBytes(data, data.readerIndex(), data.readableBytes());
        return Buffer.buffer(copy);
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
            if (!response.ended() && !response.closed()) {
                response.reset();
            }
            return;
        }
        target.breaker().failure();
        Forwarder.reject(target, request, status, requestId);
    }
}

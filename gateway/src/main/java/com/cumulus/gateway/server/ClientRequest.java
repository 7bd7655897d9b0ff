package com.cumulus.gateway.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

import java.nio.charset.StandardCharsets;

/**
 * One request on a client connection of the gateway's server and the answer to it. The head is there at once; the
 * body stays queued on the connection until a {@link Relay} asks for it (or is discarded when the request is refused),
 * so nothing is buffered beyond what one socket read decoded. Every method runs on the connection's event loop.
 */
public final class ClientRequest {

    /** Where the body and the client's departure go once the request is relayed. */
    public interface Relay {
        /** A body chunk; the relay owns the buffer. */
        void bodyChunk(ByteBuf data);

        void bodyEnd();

        /** The client connection closed (or broke the body limit) before the answer was complete. */
        void clientGone();
    }

    private enum Body { WAITING, STREAMING, PAUSED, DISCARDING, COMPLETE }

    private final ClientConnection connection;
    private final ChannelHandlerContext context;
    private final HttpRequest head;
    private final String path;
    private final String query;
    private final boolean hasBody;
    private final boolean expectsContinue;
    private final long startedNanos = System.nanoTime();
    private boolean keepAlive;
    private Body body;
    private long bodyBytes;
    private Relay relay;
    private HttpHeaders decorations;
    private boolean responseStarted;
    private boolean responseEnded;
    private boolean gone;
    private int status;
    private Runnable onWritable;

    /** What the edge pipeline records for the access log and metrics once the answer is complete. */
    public String routeGroup = "-";
    public String principalKey = "anonymous";
    public String requestId;
    public boolean measured = true;

    ClientRequest(ClientConnection connection, ChannelHandlerContext context, HttpRequest head) {
        this.connection = connection;
        this.context = context;
        this.head = head;
        String uri = head.uri();
        int start = 0;
        if (!uri.startsWith("/")) {
            // absolute form (http://host/path): the path starts after the authority
            int scheme = uri.indexOf("://");
            start = scheme < 0 ? 0 : uri.indexOf('/', scheme + 3);
            if (start < 0) {
                start = uri.length();
            }
        }
        int mark = uri.indexOf('?', start);
        String rawPath = mark < 0 ? uri.substring(start) : uri.substring(start, mark);
        this.path = rawPath.isEmpty() ? "/" : rawPath;
        this.query = mark < 0 ? null : uri.substring(mark + 1);
        HttpHeaders headers = head.headers();
        this.hasBody = headers.contains(HttpHeaderNames.TRANSFER_ENCODING) || contentLength(headers) > 0;
        this.expectsContinue = hasBody && headers.containsValue(HttpHeaderNames.EXPECT, HttpHeaderValues.CONTINUE, true);
        this.keepAlive = HttpUtil.isKeepAlive(head);
        this.body = hasBody ? Body.WAITING : Body.COMPLETE;
    }

    static long contentLength(HttpHeaders headers) {
        String length = headers.get(HttpHeaderNames.CONTENT_LENGTH);
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public HttpMethod method() {
        return head.method();
    }

    /** The request target as it came (origin or absolute form). */
    public String uri() {
        return head.uri();
    }

    /** The path as it came (not decoded, not normalised). */
    public String path() {
        return path;
    }

    public String query() {
        return query;
    }

    public HttpHeaders headers() {
        return head.headers();
    }

    public String header(CharSequence name) {
        return head.headers().get(name);
    }

    public String scheme() {
        return "http";
    }

    /** The TCP peer's address literal. */
    public String peerAddress() {
        return connection.peerAddress();
    }

    public EventLoop eventLoop() {
        return context.channel().eventLoop();
    }

    public long startedNanos() {
        return startedNanos;
    }

    /** HTTP/1.x request bodies are framed by {@code Content-Length} or {@code Transfer-Encoding} only (RFC 9112 6.3). */
    public boolean hasBody() {
        return hasBody;
    }

    /** A header every answer to this request carries (CORS), whoever writes it. */
    public void decorate(CharSequence name, String value) {
        if (decorations == null) {
            decorations = new DefaultHttpHeaders(false);
        }
        decorations.add(name, value);
    }

    public boolean responseStarted() {
        return responseStarted;
    }

    public boolean responseEnded() {
        return responseEnded;
    }

    /** The client connection is gone: nothing written reaches anyone. */
    public boolean gone() {
        return gone;
    }

    public int status() {
        return status;
    }

    // ---- body ----

    /** Starts handing the body (queued chunks first) and the client's departure to the relay. */
    public void relayTo(Relay target) {
        relay = target;
        if (body == Body.WAITING) {
            if (expectsContinue) {
                context.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE,
                        Unpooled.EMPTY_BUFFER, EmptyHttpHeaders.INSTANCE, EmptyHttpHeaders.INSTANCE),
                        context.voidPromise());
            }
            body = Body.STREAMING;
            connection.drain();
        }
    }

    /** Stops taking body chunks from the socket (the upstream is not writable). */
    public void pauseBody() {
        if (body == Body.STREAMING) {
            body = Body.PAUSED;
            connection.updateReading();
        }
    }

    public void resumeBody() {
        if (body == Body.PAUSED) {
            body = Body.STREAMING;
            connection.drain();
        }
    }

    boolean bodyComplete() {
        return body == Body.COMPLETE;
    }

    /** Whether the connection may hand the next body chunk over now. */
    boolean takesBody() {
        return body == Body.STREAMING || body == Body.DISCARDING;
    }

    boolean bodyWaits() {
        return body == Body.WAITING || body == Body.PAUSED;
    }

    /** A decoded body chunk of this request (owned here). */
    void bodyContent(HttpContent content, long maxBodySize) {
        boolean last = content instanceof LastHttpContent;
        if (body == Body.DISCARDING) {
            content.release();
            if (last) {
                body = Body.COMPLETE;
            }
            return;
        }
        ByteBuf data = content.content();
        bodyBytes += data.readableBytes();
        if (bodyBytes > maxBodySize) {
            content.release();
            tooLarge();
            return;
        }
        if (last) {
            body = Body.COMPLETE;
        }
        if (data.isReadable()) {
            relay.bodyChunk(data);
        } else {
            content.release();
        }
        if (last) {
            relay.bodyEnd();
        }
    }

    /** A body longer than the limit: 413 when nothing was answered yet, the connection is closed either way. */
    private void tooLarge() {
        keepAlive = false;
        body = Body.DISCARDING;
        Relay abandoned = relay;
        relay = null;
        if (abandoned != null) {
            abandoned.clientGone();
        }
        if (!responseStarted) {
            connection.tooLarge(this);
        } else {
            reset();
        }
    }

    /** The rest of the body is read and dropped (a refused request); the connection stays usable. */
    private void discardBody() {
        if (body != Body.COMPLETE) {
            if (body == Body.WAITING && expectsContinue) {
                // the client waits for 100 Continue before sending the body: it will not come, so nothing follows
                keepAlive = false;
            }
            body = Body.DISCARDING;
            connection.drain();
        }
    }

    // ---- response ----

    /** Sends a complete answer (an edge refusal, an OPTIONS answer). */
    public void answer(int code, HttpHeaders headers, byte[] content) {
        if (responseStarted || gone) {
            return;
        }
        ByteBuf buffer = content == null ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(content);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(code),
                buffer, headers, EmptyHttpHeaders.INSTANCE);
        if (code != 204 && code != 304) {
            headers.setInt(HttpHeaderNames.CONTENT_LENGTH, buffer.readableBytes());
        }
        discardBody();
        start(response);
        end(response);
    }

    public void answer(int code, HttpHeaders headers, String content) {
        answer(code, headers, content == null ? null : content.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes the upstream's response head (hop-by-hop headers already removed); not flushed yet. */
    public void respond(HttpResponse response) {
        if (responseStarted || gone) {
            return;
        }
        HttpHeaders headers = response.headers();
        if (!headers.contains(HttpHeaderNames.CONTENT_LENGTH) && bodyAllowed(response.status().code())) {
            if (head.protocolVersion() == HttpVersion.HTTP_1_0) {
                // no chunked framing for HTTP/1.0: the end of the connection ends the body
                keepAlive = false;
            } else {
                headers.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
            }
        }
        start(response);
        context.write(response, context.voidPromise());
    }

    private boolean bodyAllowed(int code) {
        return code != 204 && code != 304 && !HttpMethod.HEAD.equals(head.method());
    }

    private void start(HttpResponse response) {
        responseStarted = true;
        status = response.status().code();
        HttpHeaders headers = response.headers();
        if (decorations != null) {
            headers.add(decorations);
        }
        if (!keepAlive) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (head.protocolVersion() == HttpVersion.HTTP_1_0) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
    }

    /** A response body chunk (the buffer is owned here); flushed with {@link #flush()} or the end. */
    public void write(ByteBuf data) {
        if (gone || responseEnded) {
            data.release();
            return;
        }
        context.write(new DefaultHttpContent(data), context.voidPromise());
    }

    public void flush() {
        if (!gone) {
            context.flush();
        }
    }

    /** Whether the client's socket takes more without queueing; else {@link #onWritable} is told when it does. */
    public boolean writable() {
        return gone || context.channel().isWritable();
    }

    public void onWritable(Runnable callback) {
        onWritable = callback;
    }

    /** The last part of the answer ({@code data} may be null); the request is complete. */
    public void end(ByteBuf data) {
        if (responseEnded) {
            ReferenceCountUtil.release(data);
            return;
        }
        if (gone) {
            ReferenceCountUtil.release(data);
            responseEnded = true;
            return;
        }
        context.writeAndFlush(data == null ? LastHttpContent.EMPTY_LAST_CONTENT : new DefaultLastHttpContent(data),
                context.voidPromise());
        end((HttpResponse) null);
    }

    private void end(HttpResponse full) {
        if (full != null) {
            context.writeAndFlush(full, context.voidPromise());
        }
        responseEnded = true;
        relay = null;
        if (body != Body.COMPLETE) {
            // answered before the whole body came (a refusal, an early upstream answer): the rest is dropped
            discardBody();
        }
        connection.completed(this, keepAlive);
    }

    /** The answer broke off after it started: the client can only be told by closing the connection. */
    public void reset() {
        responseEnded = true;
        keepAlive = false;
        relay = null;
        context.close();
    }

    // ---- from the connection ----

    void writabilityChanged() {
        Runnable callback = onWritable;
        if (callback != null && context.channel().isWritable()) {
            onWritable = null;
            callback.run();
        }
    }

    void closed() {
        gone = true;
        Relay abandoned = relay;
        relay = null;
        if (abandoned != null && !responseEnded) {
            abandoned.clientGone();
        }
    }
}

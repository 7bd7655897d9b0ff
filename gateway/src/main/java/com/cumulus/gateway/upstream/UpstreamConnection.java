package com.cumulus.gateway.upstream;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;

import java.io.IOException;

/**
 * The last handler of a pooled upstream connection: hands what the upstream sends to the exchange in progress, and
 * tells it when the connection fails, goes silent or drains. Between exchanges it sits in its {@link RelayPool}.
 */
final class UpstreamConnection extends ChannelInboundHandlerAdapter {

    private final RelayPool pool;
    private Channel channel;
    private Exchange exchange;
    private long idleSince;

    UpstreamConnection(RelayPool pool) {
        this.pool = pool;
    }

    Channel channel() {
        return channel;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        channel = context.channel();
    }

    void start(Exchange next) {
        exchange = next;
        // the response timeout counts from this request: the idle handler's clock still runs from the connection's
        // last read, and on a connection pooled for most of a timeout it fired within milliseconds of the request
        channel.pipeline().get(IdleStateHandler.class).resetReadTimeout();
        next.begin(this);
    }

    /** The exchange is over: back to the pool when the connection can carry another one, else closed. */
    void finished(boolean reusable) {
        exchange = null;
        if (reusable && channel.isActive()) {
            idleSince = System.nanoTime();
            pool.release(this);
        } else {
            channel.close();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object message) {
        Exchange current = exchange;
        if (current == null) {
            // nothing was asked: an upstream talking out of turn cannot be trusted with the next request
            ReferenceCountUtil.release(message);
            context.close();
            return;
        }
        current.upstreamRead(message);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext context) {
        Exchange current = exchange;
        if (current != null) {
            current.upstreamReadComplete();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext context) {
        Exchange current = exchange;
        if (current != null) {
            current.upstreamWritable(channel.isWritable());
        }
        context.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext context, Object event) {
        if (!(event instanceof IdleStateEvent)) {
            context.fireUserEventTriggered(event);
            return;
        }
        Exchange current = exchange;
        if (current != null) {
            exchange = null;
            context.close();
            current.timedOut();
        } else if (System.nanoTime() - idleSince >= pool.target().idleTimeoutNanos()) {
            context.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        Exchange current = exchange;
        if (current != null) {
            exchange = null;
            current.transportFailed(new IOException("connection to " + pool.target().name() + " closed"));
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        Exchange current = exchange;
        if (current != null) {
            exchange = null;
            current.transportFailed(cause);
        }
        context.close();
    }
}

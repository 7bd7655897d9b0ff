package com.cumulus.common.events;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/** What {@link Inbox} and {@link SqlInbox} do with a record before its handler runs. */
final class InboxRecords {

    private static final Logger LOG = Logger.getLogger(InboxRecords.class);

    private InboxRecords() {
    }

    /**
     * The record's event, with its request id put in the MDC; null for a malformed record, which is logged and must be
     * skipped (it can never succeed, so it must not block the partition).
     */
    static CloudEvent accept(EventCodec codec, String consumer, String json) {
        CloudEvent event;
        try {
            event = codec.read(json);
        } catch (EventCodec.MalformedEventException e) {
            LOG.warnf("%s skipped a malformed record: %s", consumer, e.getMessage());
            return null;
        }
        if (event.requestid() != null) {
            MDC.put(RequestIds.MDC_KEY, event.requestid());
        }
        return event;
    }
}

package com.cumulus.tenancy.web;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Writes a time as the application's ObjectMapper does ({@code 2026-12-04T05:21:00.123456Z}: ISO-8601, UTC, the
 * fraction without trailing zeros and left out when zero) for streamed JSON bodies. The database hands back UTC times
 * with years of four digits; those are formatted here without {@code DateTimeFormatter}'s per-field machinery, anything
 * else is left to the generator's ObjectMapper so the output never differs from a serialized DTO.
 */
public final class IsoTimes {

    private IsoTimes() {
    }

    public static void write(JsonGenerator json, OffsetDateTime time) throws IOException {
        int year = time.getYear();
        if (!ZoneOffset.UTC.equals(time.getOffset()) || year < 0 || year > 9999) {
            json.writeObject(time);
            return;
        }
        char[] text = new char[30];
        int i = 0;
        i = digits(text, i, year, 4);
        text[i++] = '-';
        i = digits(text, i, time.getMonthValue(), 2);
        text[i++] = '-';
        i = digits(text, i, time.getDayOfMonth(), 2);
        text[i++] = 'T';
        i = digits(text, i, time.getHour(), 2);
        text[i++] = ':';
        i = digits(text, i, time.getMinute(), 2);
        text[i++] = ':';
        i = digits(text, i, time.getSecond(), 2);
        int nanos = time.getNano();
        if (nanos != 0) {
            text[i++] = '.';
            int width = 9;
            while (nanos % 10 == 0) {
                nanos /= 10;
                width--;
            }
            i = digits(text, i, nanos, width);
        }
        text[i++] = 'Z';
        json.writeString(text, 0, i);
    }

    /** {@code value} as exactly {@code width} decimal digits (zero-padded) at {@code at}; the position after them. */
    private static int digits(char[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
        return at + width;
    }
}

package com.alphaleak.ingest;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A watermark value as PostgreSQL prints it ({@code value::text}) with its type ({@code pg_typeof}),
 * so it goes back into SQL exactly ({@code CAST('...' AS type)}) without passing through Java types
 * or the JVM's time zone.
 */
public record Watermark(String text, String pgType) {

    /** SQL literal of this value in its own type. */
    public String literal() {
        return "CAST('" + text.replace("'", "''") + "' AS " + pgType + ")";
    }

    /** Compact form stored in the Delta commit's userMetadata. */
    public String encode() {
        return URLEncoder.encode(pgType, StandardCharsets.UTF_8) + ":" + URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    public static Optional<Watermark> decode(String s) {
        if (s == null || s.isEmpty()) return Optional.empty();
        int i = s.indexOf(':');
        return Optional.of(new Watermark(URLDecoder.decode(s.substring(i + 1), StandardCharsets.UTF_8),
                URLDecoder.decode(s.substring(0, i), StandardCharsets.UTF_8)));
    }

    @Override
    public String toString() {
        return text;
    }
}

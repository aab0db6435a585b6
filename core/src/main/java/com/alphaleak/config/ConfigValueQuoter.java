package com.alphaleak.config;

/** Quotes a raw command-line value as a HOCON string. */
final class ConfigValueQuoter {
    private ConfigValueQuoter() {}

    static String quote(String raw) {
        StringBuilder sb = new StringBuilder("\"");
        for (char ch : raw.toCharArray()) {
            if (ch == '"' || ch == '\\') sb.append('\\');
            sb.append(ch);
        }
        return sb.append('"').toString();
    }
}

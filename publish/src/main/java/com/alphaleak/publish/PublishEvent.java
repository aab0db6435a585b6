package com.alphaleak.publish;

/**
 * One append-only audit record under {@code <root>/<target>/events/}: every promotion, refusal by
 * the gate, forced promotion and rollback, with the reason. The pointer is the truth; events are
 * the history (written after the pointer, so a crash between the two can lose an event, never a
 * pointer).
 *
 * @param action {@code promote}, {@code force}, {@code rollback}, {@code rejected} or
 *               {@code refused-champion-changed}
 */
public record PublishEvent(String at, String target, String modelId, String action, String previousModelId,
                           String reason, ChampionGate.Decision decision) {}

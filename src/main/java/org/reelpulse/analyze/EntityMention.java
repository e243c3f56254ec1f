package org.reelpulse.analyze;

/** A name CoreNLP's recogniser found in a text: the words and their type ({@code organisation}, {@code person}). */
public record EntityMention(String text, String type) {
}

package org.reelpulse.post;

/** Who wrote a post: the platform handle, and the display name and bio when known. */
public record Author(String handle, String name, String bio) {
}

package org.reelpulse.post;

/** Edits, deletions and cross-posts on the embedded H2 file database. */
class H2PostLifecycleIT extends PostLifecycleContract {
}

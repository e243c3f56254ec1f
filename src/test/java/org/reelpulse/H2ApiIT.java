package org.reelpulse;

/** The API contract on the embedded H2 file database (the default configuration). */
class H2ApiIT extends ApiContract {
}

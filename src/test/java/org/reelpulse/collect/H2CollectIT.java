package org.reelpulse.collect;

/** Sources and their runs on the embedded H2 file database (the default configuration). */
class H2CollectIT extends CollectContract {
}

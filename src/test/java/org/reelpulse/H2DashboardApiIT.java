package org.reelpulse;

/** The dashboard's API contract on the embedded H2 file database (the default configuration). */
class H2DashboardApiIT extends DashboardApiContract {
}

package org.reelpulse.report;

/** Weekly reports on the embedded H2 file database (the default configuration). */
class H2ReportIT extends ReportContract {
}

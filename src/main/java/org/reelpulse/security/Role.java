package org.reelpulse.security;

/**
 * What a user may do. Each role includes the ones below it: VIEWER reads dashboards; ANALYST also
 * searches, imports, exports and manages tracked events; ADMIN also manages users, sources and settings.
 */
public enum Role {
    VIEWER, ANALYST, ADMIN
}

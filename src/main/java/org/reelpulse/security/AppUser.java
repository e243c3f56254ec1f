package org.reelpulse.security;

/** A user account; the password is only ever held as a hash. */
record AppUser(long id, String username, String passwordHash, Role role, boolean enabled) {
}

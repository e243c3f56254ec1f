package org.reelpulse.security;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Makes sure someone can log in. In the embedded demo: the accounts viewer, analyst and admin with
 * the demo password. Elsewhere there is no default password: the first admin's password comes from
 * the environment or is generated and printed once; demo accounts left in the database are disabled.
 */
@Component
@Order(0)
class UserBootstrap implements ApplicationRunner {

    static final String DEMO_PASSWORD = "reelpulse-demo";
    static final Map<String, Role> DEMO_ACCOUNTS = Map.of("viewer", Role.VIEWER, "analyst", Role.ANALYST,
            "admin", Role.ADMIN);

    private static final Logger log = LoggerFactory.getLogger(UserBootstrap.class);

    private final UserRepository users;
    private final PasswordEncoder encoder;
    private final SecurityProperties properties;

    UserBootstrap(UserRepository users, PasswordEncoder encoder, SecurityProperties properties) {
        this.users = users;
        this.encoder = encoder;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (properties.demoAccounts()) {
            DEMO_ACCOUNTS.forEach((name, role) -> {
                if (users.findByUsername(name).isEmpty()) {
                    users.insert(name, encoder.encode(DEMO_PASSWORD), role);
                    log.info("Demo account '{}' ({}) created", name, role);
                }
            });
            return;
        }
        for (AppUser u : users.findAll()) {
            if (u.enabled() && DEMO_ACCOUNTS.containsKey(u.username()) && encoder.matches(DEMO_PASSWORD, u.passwordHash())) {
                users.setEnabled(u.id(), false);
                log.warn("Account '{}' still had the public demo password and was disabled; an admin can set a new one",
                        u.username());
            }
        }
        if (users.count() == 0 || users.findAll().stream().noneMatch(u -> u.enabled() && u.role() == Role.ADMIN)) {
            createFirstAdmin();
        }
    }

    private void createFirstAdmin() {
        String username = users.findByUsername("admin").isPresent() ? "admin-" + System.currentTimeMillis() % 100000
                : "admin";
        String password = properties.initialAdminPassword();
        if (password == null || password.isBlank()) {
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            log.warn("""

                    ===============================================================
                    No administrator existed, so ReelPulse created one:
                      user:     {}
                      password: {}
                    This password is shown only now. Keep it, or set
                    REELPULSE_ADMIN_PASSWORD before the first start.
                    ===============================================================""", username, password);
        } else {
            log.info("Administrator '{}' created with the password from the environment", username);
        }
        users.insert(username, encoder.encode(password), Role.ADMIN);
    }
}

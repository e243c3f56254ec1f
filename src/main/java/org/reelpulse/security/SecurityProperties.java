package org.reelpulse.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code reelpulse.security.*}.
 *
 * @param demoAccounts         create the demo accounts (only for the embedded demo)
 * @param initialAdminPassword the first admin's password when there are no users yet; set it from
 *                             the environment ({@code REELPULSE_ADMIN_PASSWORD}),
 *                             else one is generated and printed once
 */
@Validated
@ConfigurationProperties("reelpulse.security")
public record SecurityProperties(boolean demoAccounts, String initialAdminPassword) {
}

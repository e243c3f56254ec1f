package org.reelpulse.security;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.reelpulse.security.ui.LoginView;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;

import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;

/**
 * Who may do what. {@code /api/**} takes HTTP Basic or a session: 401 without credentials, 403 for
 * a role that may not. Requests with an Authorization header skip CSRF (they cannot be forged by
 * another site); session requests need the CSRF token.
 */
@Configuration
@EnableWebSecurity
class SecurityConfig {

    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix()
                .role(Role.ADMIN.name()).implies(Role.ANALYST.name())
                .role(Role.ANALYST.name()).implies(Role.VIEWER.name())
                .build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /**
     * Users from the database. Each user holds every role its own role includes, so checks that do
     * not know the hierarchy (the views' {@code @RolesAllowed}) agree with those that do.
     */
    @Bean
    UserDetailsService userDetailsService(UserRepository users, RoleHierarchy hierarchy) {
        return username -> users.findByUsername(username)
                .map(u -> User.withUsername(u.username()).password(u.passwordHash())
                        .authorities(hierarchy.getReachableGrantedAuthorities(
                                List.of(new SimpleGrantedAuthority("ROLE_" + u.role().name()))))
                        .disabled(!u.enabled()).build())
                .orElseThrow(() -> new UsernameNotFoundException("No user " + username));
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        AuthenticationEntryPoint unauthorized = (request, response, e) -> {
            response.setHeader("WWW-Authenticate", "Basic realm=\"ReelPulse\"");
            json(response, 401, "Log in first: send HTTP Basic credentials or use a session.");
        };
        AccessDeniedHandler forbidden = (request, response, e) -> json(response, 403,
                "Your role may not do this; ask an administrator for a role that includes it.");
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/api/admin/**").hasRole(Role.ADMIN.name())
                        // sources hold credentials and reach the outside: admins only
                        .requestMatchers("/api/sources", "/api/sources/**").hasRole(Role.ADMIN.name())
                        .requestMatchers(HttpMethod.GET, "/api/events", "/api/events/*", "/api/status", "/api/themes",
                                "/api/crafts", "/api/groups", "/api/dashboard", "/api/compare-events")
                        .hasRole(Role.VIEWER.name())
                        .requestMatchers(HttpMethod.POST, "/api/events").hasRole(Role.ANALYST.name())
                        .requestMatchers(HttpMethod.PUT, "/api/events/*").hasRole(Role.ANALYST.name())
                        .requestMatchers(HttpMethod.DELETE, "/api/events/*").hasRole(Role.ANALYST.name())
                        .requestMatchers(HttpMethod.GET, "/api/search", "/api/timeline", "/api/posts/*",
                                "/api/export", "/api/significant-terms", "/api/compare", "/api/search/complete").hasRole(Role.ANALYST.name())
                        .requestMatchers(HttpMethod.POST, "/api/import").hasRole(Role.ANALYST.name())
                        .requestMatchers("/api/saved-searches", "/api/saved-searches/*").hasRole(Role.ANALYST.name())
                        .requestMatchers("/api/subscriptions", "/api/subscriptions/**").hasRole(Role.ANALYST.name())
                        .anyRequest().hasRole(Role.ADMIN.name()))
                .httpBasic(b -> b.authenticationEntryPoint(unauthorized))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
                .csrf(c -> c.ignoringRequestMatchers(r -> r.getHeader("Authorization") != null));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain web(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        // the description of the API (not its data): readable without logging in
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                        .permitAll()
                        .requestMatchers("/actuator/**").hasRole(Role.ADMIN.name()))
                .with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class));
        return http.build();
    }

    private static void json(jakarta.servlet.http.HttpServletResponse response, int status, String message)
            throws java.io.IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"error\":\"" + message + "\"}");
    }
}

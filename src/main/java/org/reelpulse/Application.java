package org.reelpulse;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.theme.Theme;

/**
 * ReelPulse: collects how the public, working artists and their unions react to studio AI deals,
 * scores the reaction, indexes it and shows it.
 */
@SpringBootApplication
@EnableScheduling
@ConfigurationPropertiesScan
// pushed: the dashboard is computed off the UI thread and sent to the browser when ready
@com.vaadin.flow.component.page.Push
@Theme("reelpulse")
public class Application implements AppShellConfigurator {

    public static void main(String[] args) {
        SpringApplication.run(Application.class, args);
    }

    /** The one source of time; tests replace it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}

package org.reelpulse;

import org.springdoc.core.models.GroupedOpenApi;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/** The JSON API described as OpenAPI at {@code /v3/api-docs}, browsable at {@code /swagger-ui.html}. */
@Configuration(proxyBeanMethods = false)
class ApiDocsConfig {

    @Bean
    OpenAPI reelPulseApi() {
        return new OpenAPI()
                .info(new Info().title("ReelPulse API").version("1")
                        .description("The dashboard of a tracked event and events compared, tracked events, search, "
                                + "timeline, comparison, significant terms, posts with their sentiment "
                                + "and labour labels, import and export. Every call takes HTTP Basic (or a "
                                + "logged-in session); the README lists which role may make which call, with "
                                + "examples. Errors are {\"error\": \"…\"} with what was wrong and what to do."))
                .components(new Components().addSecuritySchemes("basic",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
                .addSecurityItem(new SecurityRequirement().addList("basic"));
    }

    /** Only the JSON API, not the application's own endpoints. */
    @Bean
    GroupedOpenApi jsonApiGroup() {
        return GroupedOpenApi.builder().group("api").pathsToMatch("/api/**").build();
    }
}

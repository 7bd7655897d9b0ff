package com.cumulus.gateway.routing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The literal prefix only ever rejects paths the regex would reject too. */
class PathPatternTest {

    @Test
    void prefixStopsAtTheFirstMetacharacter() {
        assertThat(PathPattern.literalPrefix("/api/v1/(account|projects)(/.*)?")).isEqualTo("/api/v1/");
        assertThat(PathPattern.literalPrefix("/console/projects/[^/]+/(apps|gateway)(/.*)?"))
                .isEqualTo("/console/projects/");
        assertThat(PathPattern.literalPrefix("/oidc/callback")).isEqualTo("/oidc/callback");
        assertThat(PathPattern.literalPrefix("/\\.well-known/.*")).isEqualTo("/");
        assertThat(PathPattern.literalPrefix("/(public-products|public-apis)(/.*)?")).isEqualTo("/");
    }

    @Test
    void anOptionalOrRepeatedCharacterIsNotPartOfThePrefix() {
        assertThat(PathPattern.literalPrefix("/apis?/x")).isEqualTo("/api");
        assertThat(PathPattern.literalPrefix("/ab*c")).isEqualTo("/a");
        assertThat(PathPattern.literalPrefix("/ab{0,2}c")).isEqualTo("/a");
        assertThat(PathPattern.of("/apis?/x").matches("/api/x")).isTrue();
        assertThat(PathPattern.of("/ab*c").matches("/ac")).isTrue();
        assertThat(PathPattern.of("/ab{0,2}c").matches("/ac")).isTrue();
    }

    @Test
    void aTopLevelAlternationHasNoPrefix() {
        assertThat(PathPattern.literalPrefix("/a/b|/c")).isEmpty();
        assertThat(PathPattern.literalPrefix("/a(b)|/c")).isEmpty();
        assertThat(PathPattern.of("/a(b)|/c").matches("/c")).isTrue();
        assertThat(PathPattern.literalPrefix("/a[|]b")).isEqualTo("/a");
    }

    @Test
    void matchesExactlyWhatTheRegexMatches() {
        PathPattern pattern = PathPattern.of("/api/v1/(account|projects)(/.*)?");
        assertThat(pattern.matches("/api/v1/projects")).isTrue();
        assertThat(pattern.matches("/api/v1/projects/p1/services")).isTrue();
        assertThat(pattern.matches("/api/v1/projectsx")).isFalse();
        assertThat(pattern.matches("/api/v2/projects")).isFalse();
        assertThat(pattern.matches("/x/api/v1/projects")).isFalse();
    }
}

package dev.callbridge.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonAcceptFilterTest {

    @ParameterizedTest
    @ValueSource(strings = {"application/problem+json", "Application/Problem+JSON", "application/problem+json;q=0.9",
            "text/html, application/problem+json", "application/vnd.callbridge+json"})
    void addsJsonWhereOnlyAnotherJsonTypeIsAccepted(String accept) {
        assertThat(JsonAcceptFilter.wantsJsonButNotPlainJson(accept)).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"application/json", "application/problem+json, application/json", "*/*",
            "application/*", "application/json;q=0, application/problem+json", "text/html", "application/xml"})
    void leavesOtherHeadersAlone(String accept) {
        assertThat(JsonAcceptFilter.wantsJsonButNotPlainJson(accept)).isFalse();
    }
}

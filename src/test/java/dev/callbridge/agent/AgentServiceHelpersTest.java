package dev.callbridge.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class AgentServiceHelpersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void cursorIsTakenFromUltravoxPageUrls() {
        assertThat(AgentService.cursorOf("https://api.ultravox.ai/api/agents?cursor=cD0y%3D%3D&pageSize=2"))
                .isEqualTo("cD0y==");
        assertThat(AgentService.cursorOf("https://api.ultravox.ai/api/agents?pageSize=2")).isNull();
        assertThat(AgentService.cursorOf(null)).isNull();
    }

    @Test
    void mergePatchFollowsRfc7396() throws Exception {
        ObjectNode target = (ObjectNode) JSON.readTree(
                "{\"a\": 1, \"b\": {\"c\": 2, \"d\": 3}, \"e\": [1, 2], \"f\": \"keep\"}");
        ObjectNode patch = (ObjectNode) JSON.readTree("{\"a\": null, \"b\": {\"c\": 9}, \"e\": [3], \"g\": true}");
        assertThat(MergePatch.apply(target, patch)).isEqualTo(JSON.readTree(
                "{\"b\": {\"c\": 9, \"d\": 3}, \"e\": [3], \"f\": \"keep\", \"g\": true}"));
        assertThat(target.get("a").asInt()).isEqualTo(1);
    }

    @Test
    void mergePatchDropsNullsInsideAnObjectTheTargetLacks() throws Exception {
        ObjectNode patch = (ObjectNode) JSON.readTree("{\"o\": {\"gone\": null, \"kept\": {\"x\": null, \"y\": 1}}}");
        assertThat(MergePatch.apply(JSON.createObjectNode(), patch))
                .isEqualTo(JSON.readTree("{\"o\": {\"kept\": {\"y\": 1}}}"));
    }

    @Test
    void removalsBecomeExplicitNullsAtEveryDepthBothSidesShare() throws Exception {
        ObjectNode before = (ObjectNode) JSON.readTree("""
                {"voice": "Jessica", "temperature": 0.7, "tools": [{"toolName": "hangUp"}],
                 "first": {"user": {"fallback": {"text": "Hi"}}}, "medium": {"twilio": {}}, "kept": "k"}
                """);
        ObjectNode after = (ObjectNode) JSON.readTree("""
                {"first": {"user": {}}, "medium": "replaced", "kept": "k", "added": true}
                """);
        assertThat(MergePatch.withRemovals(before, after)).isEqualTo(JSON.readTree("""
                {"voice": null, "temperature": null, "tools": null, "first": {"user": {"fallback": null}},
                 "medium": "replaced", "kept": "k", "added": true}
                """));
        assertThat(MergePatch.apply(before, MergePatch.withRemovals(before, after))).as("applying it yields after")
                .isEqualTo(after);
        assertThat(after.has("voice")).as("inputs untouched").isFalse();
    }
}

package dev.callbridge.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.callbridge.http.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentRulesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<String> fieldsWithErrors(String template) throws Exception {
        return AgentRules.checkTemplate((ObjectNode) JSON.readTree(template)).stream().map(FieldError::field).toList();
    }

    @Test
    void acceptsACompleteTemplate() throws Exception {
        assertThat(fieldsWithErrors("""
                {"systemPrompt": "Hi {{name}}", "temperature": 0.4, "voice": "Jessica", "model": "ultravox-v0.7",
                 "languageHint": "en-US", "maxDuration": "600s", "joinTimeout": "1.5s", "recordingEnabled": true,
                 "initialOutputMedium": "MESSAGE_MEDIUM_VOICE", "firstSpeakerSettings": {"user": {}},
                 "selectedTools": [{"toolName": "hangUp"}, {"toolId": "abc"}], "somethingNew": {"x": 1}}
                """)).isEmpty();
    }

    @Test
    void temperatureBounds() throws Exception {
        assertThat(fieldsWithErrors("{\"systemPrompt\": \"x\", \"temperature\": 0}")).isEmpty();
        assertThat(fieldsWithErrors("{\"systemPrompt\": \"x\", \"temperature\": 1}")).isEmpty();
        assertThat(fieldsWithErrors("{\"systemPrompt\": \"x\", \"temperature\": 1.01}"))
                .containsExactly("callTemplate.temperature");
        assertThat(fieldsWithErrors("{\"systemPrompt\": \"x\", \"temperature\": \"0.5\"}"))
                .containsExactly("callTemplate.temperature");
    }

    @Test
    void durationsUseProtobufSecondsNotIso() throws Exception {
        assertThat(fieldsWithErrors("{\"systemPrompt\": \"x\", \"maxDuration\": \"3600s\"}")).isEmpty();
        assertThat(fieldsWithErrors("{\"systemPrompt\": \"x\", \"maxDuration\": \"PT1H\"}"))
                .containsExactly("callTemplate.maxDuration");
        assertThat(fieldsWithErrors("{\"systemPrompt\": \"x\", \"joinTimeout\": 30}"))
                .containsExactly("callTemplate.joinTimeout");
    }

    @Test
    void systemPromptIsRequiredAndBounded() throws Exception {
        assertThat(fieldsWithErrors("{}")).containsExactly("callTemplate.systemPrompt");
        assertThat(fieldsWithErrors("{\"systemPrompt\": \"   \"}")).containsExactly("callTemplate.systemPrompt");
        assertThat(fieldsWithErrors("{\"systemPrompt\": \"" + "a".repeat(AgentRules.MAX_SYSTEM_PROMPT) + "\"}"))
                .isEmpty();
        assertThat(fieldsWithErrors("{\"systemPrompt\": \"" + "a".repeat(AgentRules.MAX_SYSTEM_PROMPT + 1) + "\"}"))
                .containsExactly("callTemplate.systemPrompt");
    }

    @Test
    void firstSpeakerAndToolsNeedExactlyOneChoice() throws Exception {
        assertThat(fieldsWithErrors("{\"systemPrompt\": \"x\", \"firstSpeakerSettings\": {}}"))
                .containsExactly("callTemplate.firstSpeakerSettings");
        assertThat(fieldsWithErrors("{\"systemPrompt\": \"x\", \"selectedTools\": [{\"toolName\": \"a\", \"toolId\": \"b\"}]}"))
                .containsExactly("callTemplate.selectedTools[0]");
        assertThat(fieldsWithErrors("{\"systemPrompt\": \"x\", \"selectedTools\": {\"toolName\": \"a\"}}"))
                .containsExactly("callTemplate.selectedTools");
    }

    @Test
    void writableCopyDropsServerManagedFieldsOnly() throws Exception {
        ObjectNode template = (ObjectNode) JSON.readTree(
                "{\"systemPrompt\": \"x\", \"created\": \"t\", \"updated\": \"t\", \"custom\": 1}");
        assertThat(AgentRules.writable(template).fieldNames()).toIterable().containsExactly("systemPrompt", "custom");
        assertThat(template.has("created")).isTrue();
    }
}

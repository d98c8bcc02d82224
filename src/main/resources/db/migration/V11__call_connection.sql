-- How a placed call connects its legs and what it does about answering machines (issue: connect
-- modes). connect_mode 'parallel' and 'on-answer' calls are dialled with Callbridge's connect
-- webhook as their URL; an 'on-answer' call keeps the Ultravox request its connect webhook makes
-- when the callee answers (agent_request, the JSON Ultravox is sent), and agent_claimed_at marks
-- the one webhook that took that on. answered_by is Twilio's asynchronous detection result.
-- Every placement recorded before this migration was connected inline, without detection.
ALTER TABLE call_placements
    ADD COLUMN connect_mode      text NOT NULL DEFAULT 'inline'
        CHECK (connect_mode IN ('inline', 'parallel', 'on-answer')),
    ADD COLUMN machine_detection text NOT NULL DEFAULT 'off'
        CHECK (machine_detection IN ('off', 'hang-up', 'leave-message')),
    ADD COLUMN voicemail_message text,
    ADD COLUMN agent_request     text,
    ADD COLUMN agent_claimed_at  timestamptz,
    ADD COLUMN answered_by       text;

package dev.magnetar.bridge.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the broker's dump of every topic it serves ({@code GET /admin/v2/broker-stats/topics}): namespace, then
 * bundle, then {@code persistent}, then topic, each topic with its {@code msgRateIn} and its subscriptions'
 * {@code msgBacklog}, {@code msgRateOut} and {@code unackedMessages}. Streamed, keeping only those numbers: the dump
 * of a busy broker is megabytes of publisher and consumer details. Partitions are summed under their topic's name.
 */
final class BrokerTopicsDump {
    private static final JsonFactory JSON = new JsonFactory();
    private static final Pattern PARTITION = Pattern.compile("-partition-\\d+$");

    private BrokerTopicsDump() {
    }

    static Map<SubscriptionRef, Reading> parse(String json) {
        Map<SubscriptionRef, Reading> readings = new HashMap<>();
        try (JsonParser parser = JSON.createParser(json)) {
            expect(parser.nextToken(), JsonToken.START_OBJECT);
            while (parser.nextToken() == JsonToken.FIELD_NAME) { // namespace
                expect(parser.nextToken(), JsonToken.START_OBJECT);
                while (parser.nextToken() == JsonToken.FIELD_NAME) { // bundle
                    expect(parser.nextToken(), JsonToken.START_OBJECT);
                    while (parser.nextToken() == JsonToken.FIELD_NAME) { // persistent, non-persistent
                        boolean persistent = "persistent".equals(parser.currentName());
                        expect(parser.nextToken(), JsonToken.START_OBJECT);
                        if (persistent) {
                            topics(parser, readings);
                        } else {
                            parser.skipChildren(); // no backlog is kept for them
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the broker's topic stats are not the JSON expected: " + e.getMessage(), e);
        }
        return readings;
    }

    private static void topics(JsonParser parser, Map<SubscriptionRef, Reading> readings) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String topic = PARTITION.matcher(parser.currentName()).replaceFirst("");
            expect(parser.nextToken(), JsonToken.START_OBJECT);
            double rateIn = 0;
            Map<String, Reading> subscriptions = Map.of();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("msgRateIn".equals(field) && value.isNumeric()) {
                    rateIn = parser.getDoubleValue();
                } else if ("subscriptions".equals(field) && value == JsonToken.START_OBJECT) {
                    subscriptions = subscriptions(parser);
                } else {
                    parser.skipChildren();
                }
            }
            for (Map.Entry<String, Reading> entry : subscriptions.entrySet()) {
                Reading sub = entry.getValue();
                Reading reading = new Reading(sub.backlog(), rateIn, sub.rateOut(), sub.unacked(),
                        Reading.NO_COUNTER, Reading.NO_COUNTER);
                readings.merge(new SubscriptionRef(topic, entry.getKey()), reading, Reading::plus);
            }
        }
    }

    private static Map<String, Reading> subscriptions(JsonParser parser) throws IOException {
        Map<String, Reading> subscriptions = new HashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            expect(parser.nextToken(), JsonToken.START_OBJECT);
            long backlog = 0;
            long unacked = 0;
            double rateOut = 0;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (!value.isNumeric()) {
                    parser.skipChildren();
                } else if ("msgBacklog".equals(field)) {
                    backlog = parser.getLongValue();
                } else if ("msgRateOut".equals(field)) {
                    rateOut = parser.getDoubleValue();
                } else if ("unackedMessages".equals(field)) {
                    unacked = parser.getLongValue();
                }
            }
            subscriptions.put(name, new Reading(backlog, 0, rateOut, unacked, Reading.NO_COUNTER, Reading.NO_COUNTER));
        }
        return subscriptions;
    }

    private static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException("expected " + expected + " but found " + actual);
        }
    }
}

package dev.magnetar.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/** Two aligned columns, KEY and VALUE, of a JSON object's scalar fields (nested objects are left to json/yaml). */
public final class KeyValueTable {
    private KeyValueTable() {
    }

    public static String render(JsonNode object) {
        int width = "KEY".length();
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            width = Math.max(width, names.next().length());
        }
        StringBuilder text = new StringBuilder(row("KEY", "VALUE", width));
        for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getValue().isValueNode()) {
                text.append(row(field.getKey(), field.getValue().asText(), width));
            }
        }
        return text.toString();
    }

    private static String row(String key, String value, int width) {
        return key + " ".repeat(width - key.length() + 2) + value + System.lineSeparator();
    }
}

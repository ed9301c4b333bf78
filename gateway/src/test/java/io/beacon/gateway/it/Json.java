package io.beacon.gateway.it;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small builders for request {@code data}: ordered maps that, unlike {@code Map.of}, keep nulls. */
final class Json {

    private Json() {
    }

    /** An ordered map from alternating keys and values; a null value stays (it means "clear"). */
    static Map<String, Object> obj(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must alternate");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** {@code base} with more entries (later ones win). */
    static Map<String, Object> with(Map<String, Object> base, Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>(base);
        map.putAll(obj(keysAndValues));
        return map;
    }

    static List<Object> arr(Object... values) {
        return Arrays.asList(values);
    }
}

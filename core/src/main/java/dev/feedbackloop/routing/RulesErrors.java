package dev.feedbackloop.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.feedbackloop.InvalidInputException;
import java.util.stream.Collectors;

/** Jackson's errors on a rules file, said for a person: the field path, line and column, what is wrong. */
final class RulesErrors {
    private RulesErrors() {
    }

    static String describe(JsonProcessingException e) {
        String at = e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        if (!(e instanceof JsonMappingException)) {
            return "invalid JSON: " + e.getOriginalMessage() + at;
        }
        JsonMappingException m = (JsonMappingException) e;
        String path = m.getPath().stream()
                .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining()).replaceFirst("^\\.", "");
        if (e instanceof UnrecognizedPropertyException) {
            UnrecognizedPropertyException u = (UnrecognizedPropertyException) e;
            return "unknown field '" + u.getPropertyName() + "' at " + path + at + "; known fields: "
                    + u.getKnownPropertyIds();
        }
        if (e instanceof ValueInstantiationException && e.getCause() instanceof InvalidInputException) {
            return e.getCause().getMessage() + (path.isEmpty() ? "" : " (at " + path + ")");
        }
        return (path.isEmpty() ? "" : path + ": ") + e.getOriginalMessage() + at;
    }

}

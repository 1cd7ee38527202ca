package dev.feedbackloop.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Accepts exactly the integers 1-5; "4.5", "five" and "0" get a message naming the rule. */
final class RatingConverter implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
        String v = value.strip();
        if (v.matches("[1-5]")) {
            return Integer.parseInt(v);
        }
        throw new TypeConversionException("rating must be an integer from 1 to 5, got '" + value + "'");
    }
}

package dev.feedbackloop.privacy;

import java.util.Locale;

/** What the masking finds, and what it puts in its place ({@code [email]}, ...). */
public enum MaskKind {
    /** An API key or token of a known provider, a JWT, a named secret's value, a long random token. */
    SECRET,
    EMAIL,
    /** A payment card number (13-19 digits of a known issuer range, Luhn-checked). */
    CARD,
    /** An IBAN (country, check digits, account; mod-97 checked). */
    IBAN,
    /** An IPv4 or IPv6 address. */
    IP,
    /** A phone number libphonenumber finds valid (international, or national in the configured regions). */
    PHONE;

    /** The text put in its place. */
    public String placeholder() {
        return "[" + label() + "]";
    }

    /** The name in counts and JSON: {@code email}, {@code phone}, ... */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}

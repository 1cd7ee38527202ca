package dev.feedbackloop.privacy;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one masking code of the product: finds personal data and secrets in text and replaces each with
 * its {@link MaskKind#placeholder()}. Used at capture ({@link CaptureMasking}) and on what the
 * suggestion path sends to Claude ({@link Redactor}).
 *
 * <p>What it finds: API keys and tokens of common providers (Anthropic {@code sk-ant-}, OpenAI
 * {@code sk-}, AWS {@code AKIA}/{@code ASIA}, GitHub {@code ghp_}/{@code github_pat_}, Slack
 * {@code xox*}, Stripe {@code sk_live_}/{@code rk_live_}, Google {@code AIza}), JWTs, the value of a named
 * secret ({@code password: ...}, {@code Authorization: Bearer ...}), long random tokens (32+ characters
 * mixing letters and digits, UUIDs excepted); e-mail addresses; payment card numbers (a known issuer
 * prefix, 13-19 digits, Luhn-valid); IBANs (mod-97 valid); IPv4 and IPv6 addresses; phone numbers that
 * libphonenumber finds valid, international ones anywhere and national ones of the given regions. Not
 * names or postal addresses: no maintained library on Maven Central finds them without a model from
 * elsewhere (see docs/privacy.md). Where findings overlap, the earlier one wins, then the kind listed
 * first in {@link MaskKind}, then the longer one.
 *
 * <p>Thread-safe; immutable.
 */
public final class Masker {
    /** The regions whose national phone formats are recognised by default. */
    public static final List<String> DEFAULT_REGIONS = List.of("US", "GB", "DE", "FR");

    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    /** A named secret: only the value (with its quotes, from group 1 on) is masked, the name stays. */
    private static final Pattern ASSIGNED_SECRET = Pattern.compile(
            "(?i)\\b(?:api[_-]?key|secret|token|password|passwd|pwd|authorization)\\s*[:=]\\s*(?:bearer\\s+)?"
                    + "([\"']?)([^\\s\"',;]{6,})\\1");
    private static final Pattern BEARER = Pattern.compile("(?i)\\bbearer\\s+([A-Za-z0-9._~+/=-]{16,})");
    private static final Pattern PROVIDER_KEY = Pattern.compile(
            "(?<![A-Za-z0-9_-])(?:sk-ant-[A-Za-z0-9_-]{8,}|sk-(?:proj-|svcacct-)?[A-Za-z0-9_-]{20,}"
                    + "|(?:AKIA|ASIA)[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}"
                    + "|xox[abprse]-[A-Za-z0-9-]{10,}|(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}|AIza[0-9A-Za-z_-]{30,}"
                    + "|eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,})");
    /** A run of 32+ token characters; {@link #randomToken} decides. */
    private static final Pattern LONG_TOKEN = Pattern.compile("(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{32,}");
    /** Where a phone number may be: digits with separators, possibly a leading + or (. */
    private static final Pattern PHONE_CANDIDATE = Pattern.compile("(?<![\\w.+/-])\\+?\\(?\\d[\\d ()./-]{5,}\\d(?![\\w])");
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern CARD = Pattern.compile("(?<![\\d.,-])(?:\\d[ -]?){12,18}\\d(?![\\d.,]\\d|-\\d)");
    private static final Pattern IBAN = Pattern.compile("(?<![A-Za-z0-9])[A-Z]{2}\\d{2}(?: ?[A-Z0-9]){11,30}(?![A-Za-z0-9])");
    private static final Pattern IPV4 = Pattern.compile(
            "(?<![\\w.])(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(?![\\w]|\\.\\d)");
    private static final Pattern IPV6 = Pattern.compile(
            "(?<![\\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:(?:\\d{1,3}\\.){3}\\d{1,3}|[0-9A-Fa-f]{1,4})?(?![\\w:]|\\.\\d)");
    private static final Pattern HEX_GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");

    private static final int MIN_PHONE_DIGITS = 8;

    private final List<String> regions;

    /** National phone numbers of {@link #DEFAULT_REGIONS}. */
    public Masker() {
        this(DEFAULT_REGIONS);
    }

    /** @param regions ISO 3166 regions whose national phone formats count (international ones always do) */
    public Masker(List<String> regions) {
        this.regions = List.copyOf(regions);
    }

    /** A piece of text found to be personal data or a secret: [start, end) of the text searched. */
    public record Finding(MaskKind kind, int start, int end) {
    }

    /** The masked text, and how many of each kind were masked. */
    public record Masked(String text, MaskCounts counts) {
        public boolean changed() {
            return counts.total() > 0;
        }
    }

    /**
     * {@code text} with every finding replaced by its placeholder; null stays null. Look-alike characters
     * do not hide a finding: when the text folded (NFKC, invisible format characters removed: full-width
     * {@code ＠} and digits, zero-width spaces) holds findings the text as sent does not, the folded text
     * is the one masked and returned; otherwise the text keeps its characters.
     */
    public Masked mask(String text) {
        Masked plain = maskAsSent(text);
        String folded = fold(text);
        if (java.util.Objects.equals(folded, text)) {
            return plain;
        }
        Masked fromFolded = maskAsSent(folded);
        return fromFolded.text().equals(fold(plain.text())) ? plain : fromFolded;
    }

    /** The text in NFKC without format characters (Unicode Cf); the same instance when it is all ASCII. */
    static String fold(String text) {
        if (text == null || text.chars().allMatch(ch -> ch < 0x80)) {
            return text;
        }
        return FORMAT.matcher(java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKC)).replaceAll("");
    }

    private static final Pattern FORMAT = Pattern.compile("\\p{Cf}+");

    private Masked maskAsSent(String text) {
        if (text == null || text.isEmpty()) {
            return new Masked(text, MaskCounts.NONE);
        }
        List<Finding> found = find(text);
        if (found.isEmpty()) {
            return new Masked(text, MaskCounts.NONE);
        }
        int[] counts = new int[MaskKind.values().length];
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        for (Finding f : found) {
            out.append(text, at, f.start()).append(f.kind().placeholder());
            at = f.end();
            counts[f.kind().ordinal()]++;
        }
        out.append(text, at, text.length());
        return new Masked(out.toString(), MaskCounts.of(counts));
    }

    /** Every finding in {@code text}, in text order, none overlapping. */
    public List<Finding> find(String text) {
        Objects.requireNonNull(text, "text");
        List<Finding> all = new ArrayList<>();
        secrets(text, all);
        if (text.indexOf('@') >= 0) {
            each(EMAIL, text, MaskKind.EMAIL, all, m -> true);
        }
        int digits = digits(text);
        if (digits >= 10) {
            each(IBAN, text, MaskKind.IBAN, all, m -> validIban(m.group()));
        }
        if (digits >= 13) {
            each(CARD, text, MaskKind.CARD, all, m -> validCard(m.group()));
        }
        if (text.indexOf('.') >= 0 && digits >= 4) {
            each(IPV4, text, MaskKind.IP, all, m -> true);
        }
        if (text.indexOf(':') >= 0) {
            each(IPV6, text, MaskKind.IP, all, m -> validIpv6(m.group()));
        }
        if (digits >= MIN_PHONE_DIGITS) {
            phones(text, all);
        }
        all.sort(Comparator.comparingInt(Finding::start).thenComparing(Finding::kind)
                .thenComparing(Comparator.comparingInt(Finding::end).reversed()));
        List<Finding> kept = new ArrayList<>(all.size());
        int end = 0;
        for (Finding f : all) {
            if (f.start() >= end) {
                kept.add(f);
                end = f.end();
            }
        }
        return kept;
    }

    /** Literal prefixes of {@link #PROVIDER_KEY}: the expression runs only when one is present. */
    private static final List<String> KEY_PREFIXES = List.of("sk-", "AKIA", "ASIA", "gh", "github_pat_", "xox",
            "_live_", "_test_", "AIza", "eyJ");

    private static void secrets(String text, List<Finding> out) {
        if (text.indexOf(':') >= 0 || text.indexOf('=') >= 0) {
            Matcher m = ASSIGNED_SECRET.matcher(text);
            while (m.find()) {
                out.add(new Finding(MaskKind.SECRET, m.start(1), m.end()));
            }
        }
        if (containsIgnoreCase(text, "bearer")) {
            Matcher m = BEARER.matcher(text);
            while (m.find()) {
                out.add(new Finding(MaskKind.SECRET, m.start(1), m.end(1)));
            }
        }
        for (String prefix : KEY_PREFIXES) {
            if (text.contains(prefix)) {
                each(PROVIDER_KEY, text, MaskKind.SECRET, out, x -> true);
                break;
            }
        }
        if (text.length() >= 32) {
            each(LONG_TOKEN, text, MaskKind.SECRET, out, x -> randomToken(x.group()));
        }
    }

    private static boolean containsIgnoreCase(String text, String lower) {
        for (int i = 0; i + lower.length() <= text.length(); i++) {
            if (text.regionMatches(true, i, lower, 0, lower.length())) {
                return true;
            }
        }
        return false;
    }

    /** Letters and digits mixed, and not a UUID. */
    private static boolean randomToken(String run) {
        boolean digit = false;
        boolean letter = false;
        for (int i = 0; i < run.length(); i++) {
            char c = run.charAt(i);
            digit |= c >= '0' && c <= '9';
            letter |= Character.isLetter(c);
        }
        return digit && letter && !UUID.matcher(run).matches();
    }

    private interface Check {
        boolean test(Matcher m);
    }

    private static void each(Pattern p, String text, MaskKind kind, List<Finding> out, Check check) {
        Matcher m = p.matcher(text);
        while (m.find()) {
            if (check.test(m)) {
                out.add(new Finding(kind, m.start(), m.end()));
            }
        }
    }

    /**
     * libphonenumber on each stretch of digits and separators that holds at least 8 digits (most texts
     * have none: no cost there); a match needs 8 digits too (shorter "valid" national numbers are
     * mostly other numbers: 37.7749).
     */
    private void phones(String text, List<Finding> out) {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        Matcher candidate = PHONE_CANDIDATE.matcher(text);
        while (candidate.find()) {
            String part = candidate.group();
            if (digits(part) < MIN_PHONE_DIGITS || coveredAlready(out, candidate.start(), candidate.end())) {
                continue;
            }
            for (String region : regions) {
                boolean found = false;
                for (PhoneNumberMatch match : util.findNumbers(part, region, PhoneNumberUtil.Leniency.VALID, Long.MAX_VALUE)) {
                    int start = candidate.start() + match.start();
                    int end = candidate.start() + match.end();
                    if (!partOfANumber(text, start, end) && digits(match.rawString()) >= MIN_PHONE_DIGITS) {
                        out.add(new Finding(MaskKind.PHONE, start, end));
                        found = true;
                    }
                }
                if (found && part.startsWith("+")) {
                    break; // an international number is the same in every region
                }
            }
        }
    }

    /** Whether another finding (a card, an IBAN, an address) covers this stretch: no phone number there. */
    private static boolean coveredAlready(List<Finding> found, int start, int end) {
        for (Finding f : found) {
            if (f.start() <= start && f.end() >= end) {
                return true;
            }
        }
        return false;
    }

    private static int digits(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                n++;
            }
        }
        return n;
    }

    /** Digits after a decimal point or before one ({@code 3.14159265358}): a number, not a phone number. */
    private static boolean partOfANumber(String text, int start, int end) {
        boolean before = start >= 2 && (text.charAt(start - 1) == '.' || text.charAt(start - 1) == ',')
                && Character.isDigit(text.charAt(start - 2));
        boolean after = end + 1 < text.length() && (text.charAt(end) == '.' || text.charAt(end) == ',')
                && Character.isDigit(text.charAt(end + 1));
        return before || after;
    }

    /** 13-19 digits of a known issuer range whose Luhn checksum holds. */
    static boolean validCard(String candidate) {
        String d = candidate.replaceAll("[ -]", "");
        if (d.length() < 13 || d.length() > 19 || !knownIssuer(d)) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < d.length(); i++) {
            int n = d.charAt(d.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                n *= 2;
                if (n > 9) {
                    n -= 9;
                }
            }
            sum += n;
        }
        return sum % 10 == 0;
    }

    /** Visa, Mastercard, American Express, Discover, JCB, Diners Club, UnionPay, Maestro prefixes. */
    private static boolean knownIssuer(String d) {
        int two = Integer.parseInt(d.substring(0, 2));
        int four = Integer.parseInt(d.substring(0, 4));
        return d.charAt(0) == '4' || (two >= 51 && two <= 55) || (four >= 2221 && four <= 2720) || two == 34
                || two == 37 || four == 6011 || two == 65 || (four >= 6440 && four <= 6499) || two == 35 || two == 36
                || two == 38 || (four >= 3000 && four <= 3059) || two == 62 || two == 50 || (two >= 56 && two <= 69);
    }

    /** The IBAN check: the rearranged number, letters as 10-35, is 1 modulo 97. */
    static boolean validIban(String candidate) {
        String s = candidate.replace(" ", "");
        if (s.length() < 15 || s.length() > 34) {
            return false;
        }
        String rearranged = s.substring(4) + s.substring(0, 4);
        StringBuilder digits = new StringBuilder(rearranged.length() * 2);
        for (char c : rearranged.toCharArray()) {
            digits.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        return new BigInteger(digits.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
    }

    /** Eight groups of 1-4 hex digits, or fewer with one {@code ::}; an IPv4 address may end it. */
    static boolean validIpv6(String candidate) {
        String s = candidate;
        int groups = 0;
        int v4 = s.lastIndexOf(':');
        if (s.indexOf('.', v4) > 0) {
            if (!IPV4.matcher(s.substring(v4 + 1)).matches()) {
                return false;
            }
            s = s.substring(0, v4 + 1) + "0:0";
        }
        int doubleColon = s.indexOf("::");
        if (doubleColon != s.lastIndexOf("::")) {
            return false;
        }
        String[] parts = s.split(":", -1);
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].isEmpty()) {
                continue;
            }
            if (!HEX_GROUP.matcher(parts[i]).matches()) {
                return false;
            }
            groups++;
        }
        if (doubleColon < 0) {
            return groups == 8 && parts.length == 8;
        }
        return groups < 8 && (s.startsWith("::") || !s.startsWith(":")) && (s.endsWith("::") || !s.endsWith(":"));
    }
}

package dev.feedbackloop.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The login limiter's budgets: per IPv4 address, per IPv6 /64, and bounded in number. */
class LoginAttemptsTest {
    @Test
    void anIpv6HostCannotRotateThroughItsNetwork() {
        LoginAttempts attempts = new LoginAttempts();
        for (int i = 0; i < LoginAttempts.FAILURES; i++) {
            attempts.failed("2001:db8:1:2::" + Integer.toHexString(i + 1));
        }
        assertThat(attempts.allowed("2001:db8:1:2:ffff::42")).isFalse();
        assertThat(attempts.allowed("[2001:0db8:0001:0002::7]")).isFalse();
        assertThat(attempts.allowed("2001:db8:1:3::1")).isTrue();
        assertThat(attempts.allowed("192.0.2.1")).isTrue();
        assertThat(LoginAttempts.key("::ffff:192.0.2.1")).isEqualTo("::ffff:192.0.2.1");
        assertThat(LoginAttempts.key("not:an:address:zz")).isEqualTo("not:an:address:zz");
    }

    @Test
    void manyAddressesShareOneBudgetOnceTheLimitIsReached() {
        LoginAttempts attempts = new LoginAttempts();
        for (int i = 0; i < LoginAttempts.MAX_ADDRESSES; i++) {
            attempts.failed("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255));
        }
        assertThat(attempts.size()).isEqualTo(LoginAttempts.MAX_ADDRESSES);
        for (int i = 0; i < LoginAttempts.FAILURES; i++) {
            attempts.failed("172.16.0." + i);
        }
        assertThat(attempts.size()).isEqualTo(LoginAttempts.MAX_ADDRESSES + 1);
        assertThat(attempts.allowed("172.16.9.9")).isFalse();   // a new address: the shared budget is spent
        assertThat(attempts.allowed("10.0.0.1")).isTrue();      // a remembered one keeps its own
    }
}

package dev.feedbackloop.suggestions;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.Timeout;
import com.anthropic.errors.AnthropicInvalidDataException;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * One Messages API call through the official SDK, bounded by {@link ClaudeSettings#overallTimeout()}:
 * the SDK retries 408/409/429/5xx and connection failures with exponential backoff, honouring
 * {@code retry-after} / {@code retry-after-ms}, while {@link DeadlineSleeper} refuses any wait that
 * would end past the limit and the caller stops waiting at the limit. Every failure becomes a
 * {@link SourceUnavailableException} with a short reason.
 */
final class ClaudeCall {
    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private ClaudeCall() {
    }

    /**
     * The text blocks of Claude's answer, joined.
     *
     * @param settings with an API key ({@link ClaudeSource} checks)
     * @throws SourceUnavailableException on HTTP errors (after retries), timeout, network failure,
     *                                    or an answer without text
     */
    static String complete(ClaudeSettings settings, String system, String user, Clock clock) {
        Duration limit = settings.overallTimeout();
        DeadlineSleeper sleeper = new DeadlineSleeper(clock.instant().plus(limit), limit, clock);
        MessageCreateParams params = MessageCreateParams.builder()
                .model(settings.model())
                .maxTokens(settings.maxTokens())
                .system(system)
                .addUserMessage(user)
                .build();
        AnthropicClient client = client(settings, sleeper, clock);
        try {
            CompletableFuture<Message> call = CompletableFuture.supplyAsync(
                    () -> client.messages().create(params), daemonThread());
            return text(call.get(limit.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            sleeper.cancel();
            throw new SourceUnavailableException(SourceUnavailableException.TIMEOUT,
                    "no answer within the " + DeadlineSleeper.seconds(limit) + " limit", e);
        } catch (InterruptedException e) {
            sleeper.cancel();
            Thread.currentThread().interrupt();
            throw new SourceUnavailableException(SourceUnavailableException.TIMEOUT, "interrupted while waiting", e);
        } catch (ExecutionException | CompletionException e) {
            throw translate(e.getCause() == null ? e : e.getCause(), settings);
        } finally {
            client.close();
        }
    }

    private static AnthropicClient client(ClaudeSettings settings, DeadlineSleeper sleeper, Clock clock) {
        Duration attempt = settings.attemptTimeout();
        AnthropicOkHttpClient.Builder builder = AnthropicOkHttpClient.builder()
                .apiKey(settings.apiKey())
                .maxRetries(settings.maxRetries())
                .timeout(Timeout.builder()
                        .connect(attempt.compareTo(MAX_CONNECT_TIMEOUT) < 0 ? attempt : MAX_CONNECT_TIMEOUT)
                        .read(attempt).write(attempt).request(attempt).build())
                .sleeper(sleeper)
                .clock(clock);
        if (settings.baseUrl() != null) {
            builder.baseUrl(settings.baseUrl());
        }
        return builder.build();
    }

    private static String text(Message message) {
        String text = message.content().stream()
                .map(ContentBlock::text)
                .flatMap(java.util.Optional::stream)
                .map(t -> t.text())
                .collect(Collectors.joining("\n"));
        if (text.isBlank()) {
            throw new SourceUnavailableException(SourceUnavailableException.UNPARSEABLE, "Claude's answer had no text"
                    + message.stopReason().map(r -> " (stop reason " + r + ")").orElse(""));
        }
        return text;
    }

    static SourceUnavailableException translate(Throwable t, ClaudeSettings settings) {
        if (t instanceof UnauthorizedException u) {
            return SourceUnavailableException.http(401, "the API key was rejected"
                    + u.apiMessage().map(m -> ": " + m).orElse(""), t);
        }
        if (t instanceof AnthropicServiceException s) {
            String retried = s.statusCode() == 429 || s.statusCode() >= 500
                    ? " (after " + settings.maxRetries() + " retries)" : "";
            return SourceUnavailableException.http(s.statusCode(), s.apiMessage().orElse("request failed") + retried, t);
        }
        if (t instanceof AnthropicInvalidDataException) {
            return new SourceUnavailableException(SourceUnavailableException.UNPARSEABLE,
                    "the response was not a Messages API answer: " + t.getMessage(), t);
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SourceUnavailableException s) {
                return s;
            }
            if (c instanceof InterruptedIOException) {
                return new SourceUnavailableException(SourceUnavailableException.TIMEOUT, "no answer within the "
                        + DeadlineSleeper.seconds(settings.attemptTimeout()) + " limit of an attempt", t);
            }
            if (c instanceof java.io.IOException) {
                return new SourceUnavailableException(SourceUnavailableException.NETWORK,
                        "cannot reach " + (settings.baseUrl() == null ? "the Anthropic API" : settings.baseUrl())
                                + ": " + c.getMessage(), t);
            }
        }
        return new SourceUnavailableException("error", t.getClass().getSimpleName() + ": " + t.getMessage(), t);
    }

    private static Executor daemonThread() {
        return task -> {
            Thread thread = new Thread(task, "claude-call");
            thread.setDaemon(true);
            thread.start();
        };
    }
}

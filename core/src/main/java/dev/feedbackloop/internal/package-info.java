/**
 * Public because other packages of this library use them; not API. May change without notice.
 */
package dev.feedbackloop.internal;

package dev.feedbackloop.cli;

import dev.feedbackloop.InvalidInputException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Long texts given as files ({@code --prompt-file}, {@code --output-file}, {@code --rewrite-file}):
 * the way in for texts beyond the operating system's argument limit, and the only one now that
 * picocli's {@code @file} expansion is off. {@code -} reads standard input (once per run).
 */
final class TextFiles {
    private TextFiles() {
    }

    /**
     * The file's text, strictly UTF-8, without one final line break (what {@code echo text > file}
     * adds).
     *
     * @param option the option that named the file, for messages
     * @throws InvalidInputException when the file is missing, unreadable or not UTF-8
     */
    static String read(Path file, String option) {
        byte[] bytes;
        try {
            if (isStdin(file)) {
                bytes = System.in.readAllBytes();
            } else if (Files.isDirectory(file)) {
                throw new InvalidInputException(option + ": " + file + " is a folder, not a file");
            } else {
                bytes = Files.readAllBytes(file);
            }
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(option + ": no such file: " + file);
        } catch (AccessDeniedException e) {
            throw new InvalidInputException(option + ": cannot read " + file + ": permission denied");
        } catch (IOException e) {
            throw new InvalidInputException(option + ": cannot read " + file + ": " + e.getMessage());
        }
        String text;
        try {
            text = Arguments.utf8(bytes);
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(option + ": " + (isStdin(file) ? "standard input" : file)
                    + " is not UTF-8 text");
        }
        if (text.endsWith("\r\n")) {
            return text.substring(0, text.length() - 2);
        }
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }

    static boolean isStdin(Path file) {
        return file != null && "-".equals(file.toString());
    }
}

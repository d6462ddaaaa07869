package cn.landreserve.workflow.admin;

import java.security.SecureRandom;

/** One-time passwords: 16 characters with every character class, so that any policy up to 16 characters accepts them. */
final class OneTimePasswords {

    private static final String LOWER = "abcdefghijkmnpqrstuvwxyz";
    private static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final String DIGITS = "23456789";
    private static final String OTHER = "-_.+=@%";
    private static final String ALL = LOWER + UPPER + DIGITS + OTHER;
    private static final SecureRandom RANDOM = new SecureRandom();

    private OneTimePasswords() {}

    static String generate(int length) {
        char[] chars = new char[Math.max(16, length)];
        chars[0] = pick(LOWER);
        chars[1] = pick(UPPER);
        chars[2] = pick(DIGITS);
        chars[3] = pick(OTHER);
        for (int i = 4; i < chars.length; i++) {
            chars[i] = pick(ALL);
        }
        for (int i = chars.length - 1; i > 0; i--) {
            int j = RANDOM.nextInt(i + 1);
            char t = chars[i];
            chars[i] = chars[j];
            chars[j] = t;
        }
        return new String(chars);
    }

    private static char pick(String from) {
        return from.charAt(RANDOM.nextInt(from.length()));
    }
}

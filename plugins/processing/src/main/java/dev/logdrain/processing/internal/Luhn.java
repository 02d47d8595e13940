package dev.logdrain.processing.internal;

/** The Luhn check digit test of card numbers, over the digits of a range (spaces and dashes skipped). */
final class Luhn {

    private Luhn() {
    }

    static boolean valid(CharSequence s, int start, int end) {
        int sum = 0;
        boolean doubled = false;
        for (int i = end - 1; i >= start; i--) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                continue;
            }
            int d = c - '0';
            if (doubled) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }
}

/** The path of a usable Chromium ($CHROMIUM_PATH, else the usual system paths), or null. */
export function findChromium(): string | null;
/** Finds Chromium, installing Debian's package when it is missing and this is a root Debian shell. */
export function ensureChromium(): string;

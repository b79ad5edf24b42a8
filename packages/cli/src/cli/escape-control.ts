/**
 * Telemetry is untrusted input: a tag value, span name or model name can carry
 * terminal escape sequences (ESC `\u001b`, the 8-bit CSI `\u009b`, BEL, a
 * carriage return that overwrites the line) that recolour, rewrite or hide what
 * the operator reads. Every string taken from telemetry is shown through this
 * module, in one notation everywhere: `\uXXXX`, lower-case hex, as JSON writes it.
 * The escape is for reading, not reversible: a literal backslash is left as is.
 *
 * Escaped: C0 controls (U+0000–U+001F, newline and tab included: a value must
 * not break a table row), DEL and the C1 controls (U+007F–U+009F), the line and
 * paragraph separators (U+2028, U+2029), and the bidirectional marks, embeddings,
 * overrides and isolates (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069),
 * which reorder what a terminal displays.
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** The same set less newline: for whole outputs whose own lines are already built from escaped values. */
const CONTROL_BUT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** What JSON.stringify leaves raw from that set (it escapes U+0000–U+001F itself). */
const CONTROL_JSON_KEEPS = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function codePoint(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** One value from telemetry, safe for a terminal, a table cell or an HTML text node. */
export function escapeControl(text: string): string {
  return text.replace(CONTROL, codePoint);
}

/** A whole text output: a last guard at the stream, keeping the output's own line breaks. */
export function escapeControlInLines(text: string): string {
  return text.replace(CONTROL_BUT_NEWLINE, codePoint);
}

/**
 * JSON with no raw control character in it. Lossless: the `\uXXXX` escapes sit
 * inside JSON strings (no such character can appear outside one), so a parser
 * reads back the telemetry's exact value.
 */
export function stringifyJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(CONTROL_JSON_KEEPS, codePoint);
}

// Small SVG/HTML/Markdown helpers: escaping for each output context, and fixed-decimal numbers, so the
// same input gives the same bytes and no user string (an id, a name, a title) can become markup.
import { formatDecimals } from "../internal/format.js";

/**
 * Characters XML 1.0 forbids (C0 controls other than tab, LF, CR; unpaired surrogates; U+FFFE, U+FFFF),
 * plus DEL, which is legal but invisible.
 */
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Replaces characters that cannot appear in an XML document with visible stand-ins: a C0 control
 * becomes its Unicode control picture (U+0001 → ␁, NUL → ␀, DEL → ␡), anything else U+FFFD. The text
 * stays readable and distinct ids stay distinct on the page.
 * @internal
 */
export function visibleText(s: string): string {
  return s.replace(NOT_XML_CHAR, (c) => {
    const code = c.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    if (code === 0x7f) return "\u2421";
    return "\uFFFD";
  });
}

/**
 * Escapes text for XML/HTML element content and double-quoted attribute values (lotwise writes no
 * other kind): `& < > "` become entities and characters XML forbids become visible stand-ins (see
 * {@link visibleText}).
 * @internal
 */
export function escapeXml(s: string): string {
  return visibleText(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

const MD_LINE_BREAK = /\r\n|\r|\n/g;

/**
 * Escapes text for inline Markdown (GitHub-flavoured; table cells, headings, list items): HTML is
 * entity-encoded, the inline markup characters ``\ ` * _ [ ] | ~`` are backslash-escaped (so a pipe
 * cannot end a table cell nor brackets make a link), and a line break becomes `<br>` so it cannot end a
 * table row or start a block. Forbidden characters become visible stand-ins.
 * @internal
 */
export function escapeMarkdown(s: string): string {
  return visibleText(s)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
    .replace(MD_LINE_BREAK, "<br>");
}

/**
 * {@link escapeMarkdown} for text at the start of a block (a paragraph or a list item), where a leading
 * `#`, `-`, `+`, `=`, `1.` or indentation would start a heading, list, rule or code block: the marker is
 * backslash-escaped and a leading space or tab is written as a character reference, which block parsing
 * does not count as indentation.
 * @internal
 */
export function escapeMarkdownBlock(s: string): string {
  let t = escapeMarkdown(s);
  if (t.startsWith(" ") || t.startsWith("\t")) t = `&#${t.charCodeAt(0)};${t.slice(1)}`;
  return t.replace(/^([#+\-=])/, "\\$1").replace(/^(\d+)([.)])/, "$1\\$2");
}

/** An SVG number: at most `decimals` places (default 1: 0.1 px), trailing zeros dropped, never `-0`. @internal */
export const fmt = (x: number, decimals = 1): string => formatDecimals(x, decimals);

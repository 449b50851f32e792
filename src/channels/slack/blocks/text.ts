/**
 * Small Block Kit helpers shared by the builders: escaping, Slack's length limits, and the
 * message shape every builder returns. User text is escaped before it meets mrkdwn.
 */
import type {
  Button,
  ContextBlock,
  KnownBlock,
  MrkdwnElement,
  PlainTextElement,
  SectionBlock,
} from '@slack/types';

/** A message for chat.postMessage / chat.update / response_url: blocks and the notification text. */
export interface SlackMessage {
  /** Plain fallback text (notifications, screen readers). */
  text: string;
  blocks: KnownBlock[];
}

/** Slack's limits (Block Kit reference). */
export const LIMITS = {
  sectionText: 3000,
  field: 2000,
  contextText: 2000,
  plainText: 150,
  buttonValue: 2000,
  fallbackText: 3000,
  modalTitle: 24,
} as const;

/** Escapes the three characters mrkdwn treats as control (`&`, `<`, `>`): enough inside `code`. */
export function escapeEntities(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * A formatting character (`*` bold, `_` italic, `~` strike, `` ` `` code, and their full-width
 * twins) where mrkdwn would take it as markup: at a word's edge. Inside a word (`rg_prod_1`)
 * Slack leaves it alone, and so do we.
 */
const MARKUP = /(?<![\p{L}\p{N}])[*_~`＊＿～｀]|[*_~`＊＿～｀](?![\p{L}\p{N}])/gu;

/**
 * User text made inert in mrkdwn: the control characters as entities (no link, no mention), each
 * formatting character as the fallback of a date token that never parses (Slack shows a
 * fallback as plain text, unformatted: the technique jsx-slack's <Escape> uses), and a `>` that
 * starts a line (a quote) behind a soft hyphen.
 */
export function escapeText(text: string): string {
  return escapeEntities(text)
    .replace(MARKUP, (c) => `<!date^00000000^{_}|${c}>`)
    .replace(/(^|\n)&gt;/g, '$1\u00ad&gt;');
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Cut to `max` without leaving half a token (`<!date…`, `<#C…`) or half an entity (`&am`). */
function truncateMrkdwn(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  const open = cut.lastIndexOf('<');
  if (open > cut.lastIndexOf('>')) cut = cut.slice(0, open);
  const amp = cut.lastIndexOf('&');
  if (amp >= 0 && !cut.slice(amp).includes(';')) cut = cut.slice(0, amp);
  return `${cut}…`;
}

export function plain(text: string, max: number = LIMITS.plainText): PlainTextElement {
  return { type: 'plain_text', text: truncate(text, max), emoji: true };
}

/**
 * Verbatim: Slack does not turn bare URLs or channel names in the text into links, so a name
 * like "https://evil.example" stays text; links and mentions we write ourselves (`<#C…>`) still
 * work, and user text has its `<`, `>`, `&` escaped (escapeText), so it cannot write one.
 */
export function mrkdwn(text: string, max: number = LIMITS.sectionText): MrkdwnElement {
  return { type: 'mrkdwn', text: truncateMrkdwn(text, max), verbatim: true };
}

/** A section of mrkdwn text (the caller escapes user text). */
export function section(text: string): SectionBlock {
  return { type: 'section', text: mrkdwn(text) };
}

/** A section of label/value pairs shown in two columns (at most 10). */
export function fieldsSection(facts: { title: string; value: string }[]): SectionBlock {
  return {
    type: 'section',
    fields: facts.slice(0, 10).map((f) => mrkdwn(`*${f.title}*\n${escapeText(f.value)}`, LIMITS.field)),
  };
}

/** Small grey text. */
export function context(text: string): ContextBlock {
  return { type: 'context', elements: [mrkdwn(text, LIMITS.contextText)] };
}

export function button(actionId: string, text: string, value?: string, style?: Button['style']): Button {
  return {
    type: 'button',
    action_id: actionId,
    text: plain(text, 75),
    ...(value !== undefined ? { value: truncate(value, LIMITS.buttonValue) } : {}),
    ...(style ? { style } : {}),
  };
}

export function formatCount(n: number): string {
  return new Intl.NumberFormat('en-US').format(n);
}

export function plural(n: number, one: string, many: string): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** A connection's name for a title; the name may be what the form got wrong. */
export function displayName(name: string): string {
  return name.trim() || 'the subscription';
}

/**
 * A message: its fallback text (notifications, screen readers; shown without formatting, so only
 * its control characters are escaped) and its blocks.
 */
export function message(text: string, blocks: KnownBlock[]): SlackMessage {
  return { text: truncateMrkdwn(escapeEntities(text), LIMITS.fallbackText), blocks };
}

/**
 * Validates an expanded card with the official `adaptivecards` object model, the way a
 * host would read it. Its package `lib/` is ES modules Node cannot require, so the UMD
 * bundle is loaded instead (FIELD-NOTES); the types come from the package itself.
 */
import type * as AdaptiveCards from 'adaptivecards';

const AC: typeof AdaptiveCards = require('adaptivecards/dist/adaptivecards.js');

export type Json = Record<string, unknown>;

/** Teams renders Adaptive Cards up to 1.5. */
const TARGET = AC.Versions.v1_5;

function describeEvent(where: string, e: AdaptiveCards.IValidationEvent): string {
  return `${where}: ${AC.ValidationEvent[e.event]}: ${e.message}`;
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Keys of the source the object model did not read back (a typo like "colr", a property
 * of a later version): the parser ignores those silently, so compare with its own output.
 */
function droppedKeys(source: unknown, parsed: unknown, path: string, out: string[]): void {
  if (Array.isArray(source)) {
    if (!Array.isArray(parsed) || parsed.length !== source.length) {
      out.push(`${path}: ${source.length} item(s) in, ${Array.isArray(parsed) ? parsed.length : 0} out`);
      return;
    }
    source.forEach((item, i) => {
      droppedKeys(item, parsed[i], `${path}[${i}]`, out);
    });
    return;
  }
  if (!isObject(source) || !isObject(parsed)) return;
  for (const [key, value] of Object.entries(source)) {
    // Action data is free-form; the fallback is checked on its own; "" equals unset.
    if (key === 'data' || key === 'fallback' || value === '') continue;
    if (!(key in parsed)) {
      if (!DEFAULTS.some(([k, v]) => k === key && v === value)) out.push(`${path}.${key}`);
      continue;
    }
    droppedKeys(value, parsed[key], `${path}.${key}`, out);
  }
}

/** Values the serializer leaves out because they are the default. */
const DEFAULTS: [string, unknown][] = [
  ['isSubtle', false],
  ['weight', 'default'],
  ['color', 'default'],
  ['spacing', 'default'],
];

function collectFallbacks(node: unknown, out: Json[]): void {
  if (Array.isArray(node)) {
    for (const item of node) collectFallbacks(item, out);
  } else if (isObject(node)) {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'fallback' && isObject(value)) out.push(value);
      collectFallbacks(value, out);
    }
  }
}

function parseCard(json: Json, where: string, problems: string[]): AdaptiveCards.AdaptiveCard {
  const card = new AC.AdaptiveCard();
  const ctx = new AC.SerializationContext(TARGET);
  card.parse(json, ctx);
  for (let i = 0; i < ctx.eventCount; i++) problems.push(describeEvent(`${where} parse`, ctx.getEventAt(i)));
  for (const e of card.validateProperties().validationEvents)
    problems.push(describeEvent(`${where} validate`, e));
  return card;
}

/** Every problem the official parser and validator report for a card; [] when it is clean. */
export function cardProblems(json: Json): string[] {
  const problems: string[] = [];
  if (json.type !== 'AdaptiveCard' || json.version !== '1.5') problems.push('not an AdaptiveCard 1.5');
  const card = parseCard(json, 'card', problems);
  const roundTrip = card.toJSON(new AC.SerializationContext(TARGET));
  const dropped: string[] = [];
  droppedKeys(json, roundTrip, '$', dropped);
  problems.push(...dropped.map((d) => `not understood by the parser: ${d}`));

  // Hosts without Action.Execute use the fallback: it must be valid on its own.
  const fallbacks: Json[] = [];
  collectFallbacks(json, fallbacks);
  fallbacks.forEach((fallback, i) => {
    if (fallback.type !== 'Action.Submit')
      problems.push(`fallback ${i} is ${String(fallback.type)}, not Action.Submit`);
    parseCard({ type: 'AdaptiveCard', version: '1.5', actions: [fallback] }, `fallback ${i}`, problems);
  });
  return problems;
}

/** Every object in the card (depth first), for structural assertions. */
export function allNodes(node: unknown, out: Json[] = []): Json[] {
  if (Array.isArray(node)) for (const item of node) allNodes(item, out);
  else if (isObject(node)) {
    out.push(node);
    for (const value of Object.values(node)) allNodes(value, out);
  }
  return out;
}

/** The elements of one JSON type ("Input.Text", "Action.Execute", ...). */
export function nodesOfType(card: Json, type: string): Json[] {
  return allNodes(card).filter((n) => n.type === type);
}

/**
 * A piece of visible text: a TextBlock as it is, or one TextRun of a RichTextBlock with the
 * block's layout props (spacing, separator, ...) under its own text props (color, size, ...).
 */
export type TextElement = Json & { type: 'TextBlock' | 'TextRun'; text: string };

/** The props a RichTextBlock holds for its runs: where the block sits, not how the text looks. */
const BLOCK_PROPS = ['id', 'spacing', 'separator', 'horizontalAlignment', 'height', 'isVisible'];

/** Every TextBlock and TextRun, in order, with its effective props. */
export function textElements(node: unknown, out: TextElement[] = []): TextElement[] {
  if (Array.isArray(node)) for (const item of node) textElements(item, out);
  else if (isObject(node)) {
    if (node.type === 'TextBlock') {
      out.push({ ...node, type: 'TextBlock', text: String(node.text) });
    } else if (node.type === 'RichTextBlock') {
      const block = Object.fromEntries(Object.entries(node).filter(([k]) => BLOCK_PROPS.includes(k)));
      for (const inline of Array.isArray(node.inlines) ? node.inlines : []) {
        // A plain string inline is a TextRun with only a text.
        const run: Json = isObject(inline) ? inline : { text: inline };
        out.push({ ...block, ...run, type: 'TextRun', text: String(run.text) });
      }
    } else {
      for (const value of Object.values(node)) textElements(value, out);
    }
  }
  return out;
}

/** The visible texts of all TextBlocks and TextRuns, in order. */
export function texts(card: unknown): string[] {
  return textElements(card).map((t) => t.text);
}

/**
 * Where the strings containing `needle` sit, each as "<type of the nearest typed object>.<key
 * path>" without array indices: "TextRun.text", "FactSet.facts.value", "Action.Execute.data.values.name".
 */
export function placesOf(node: unknown, needle: string, where = '', out: string[] = []): string[] {
  if (typeof node === 'string') {
    if (node.includes(needle)) out.push(where);
  } else if (Array.isArray(node)) {
    for (const item of node) placesOf(item, needle, where, out);
  } else if (isObject(node)) {
    const base = typeof node.type === 'string' ? node.type : where;
    for (const [key, value] of Object.entries(node)) placesOf(value, needle, `${base}.${key}`, out);
  }
  return out;
}

/** The top-level body elements. */
export function bodyOf(card: Json): Json[] {
  return Array.isArray(card.body) ? (card.body as Json[]) : [];
}

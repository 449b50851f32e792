/**
 * JSON bodies as the bot accepts them: an object (never null, an array or a scalar), nested
 * at most `maxDepth` levels (a 10,000-level `conversation` is refused before JSON.parse builds
 * it, and before any code recurses over it).
 */
import { HttpError } from './errors';

export const MAX_JSON_DEPTH = 32;

/** The deepest nesting of objects and arrays in a JSON text (strings are skipped). */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      depth++;
      if (depth > max) max = depth;
    } else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
  }
  return max;
}

export type JsonObject = Record<string, unknown>;

export function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Parses a JSON object or throws HttpError 400 with a short reason. */
export function parseJsonObject(text: string, what = 'the body', maxDepth = MAX_JSON_DEPTH): JsonObject {
  if (jsonDepth(text) > maxDepth) throw new HttpError(400, `${what} is nested more than ${maxDepth} levels`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new HttpError(400, `${what} is not valid JSON`);
  }
  if (!isJsonObject(value)) throw new HttpError(400, `${what} must be a JSON object`);
  return value;
}

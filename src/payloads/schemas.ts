/**
 * What a button, card or modal may send back, as schemas (zod): every payload from a channel is
 * untrusted until it passes one. Limits are outer bounds for hostile input (the core's own
 * validators still say, field by field, what a person typed wrong); a payload past them is
 * refused as a whole with a short reason, and nothing is stored.
 */
import { z } from 'zod';

/** A verb's arguments: a few short strings. */
export const MAX_ARGS = 16;
export const MAX_ARG_LENGTH = 1024;
/** A form field: far above any real value (the secret is at most 1,024). */
export const MAX_FIELD_LENGTH = 4096;

const arg = z.string().max(MAX_ARG_LENGTH, `each argument: at most ${MAX_ARG_LENGTH} characters`);

/** A button that runs a verb, as if typed: `{ verb, args, inPlace }`. */
export const runPayload = z.object({
  verb: z
    .string()
    .min(1, 'verb: missing')
    .max(32, 'verb: at most 32 characters')
    .regex(/^[a-z]+$/, 'verb: letters only'),
  args: z
    .record(z.string().max(64, 'argument names: at most 64 characters'), arg)
    .refine((a) => Object.keys(a).length <= MAX_ARGS, `args: at most ${MAX_ARGS}`)
    .default({}),
  inPlace: z.boolean().optional(),
});
export type RunPayload = z.infer<typeof runPayload>;

const field = z.string().max(MAX_FIELD_LENGTH, `at most ${MAX_FIELD_LENGTH} characters`);

/** The connect form's inputs (any may be missing; unknown keys are dropped). */
export const connectFields = z.object({
  name: field.optional(),
  description: field.optional(),
  subscriptionId: field.optional(),
  clientId: field.optional(),
  clientSecret: field.optional(),
  tenantId: field.optional(),
  secretExpiresOn: field.optional(),
});
export type ConnectFields = z.infer<typeof connectFields>;

/** The rotate form's inputs: the connection it is for, the new secret and its date. */
export const rotateFields = z.object({
  name: field.optional(),
  clientSecret: field.optional(),
  secretExpiresOn: field.optional(),
});
export type RotateFields = z.infer<typeof rotateFields>;

export type Read<T> = { ok: true; value: T } | { ok: false; problem: string };

/** Parses with a schema; the refusal names the first thing wrong, in a line. */
export function read<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, value: unknown): Read<T> {
  const r = schema.safeParse(value);
  if (r.success) return { ok: true, value: r.data };
  const issue = r.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  const message = issue?.message ?? 'not readable';
  return { ok: false, problem: message.includes(':') ? message : `${where}${message}` };
}

/** Parses JSON text then the schema (a button's value). */
export function readJson<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, text: string | undefined): Read<T> {
  if (!text) return { ok: false, problem: 'empty' };
  if (text.length > 4 * MAX_FIELD_LENGTH) return { ok: false, problem: 'too long' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'not JSON' };
  }
  return read(schema, parsed);
}

/** What a person reads when a button or form sent something Osto cannot take. */
export function unreadable(problem: string): { title: string; text: string } {
  return {
    title: 'That could not be read',
    text: `The button or form sent something Osto does not accept (${problem.slice(0, 120)}); nothing was changed. Type the command instead, e.g. /osto help.`,
  };
}

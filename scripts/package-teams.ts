/**
 * Builds the Teams app package (SPEC 1.5, issue 4): `dist/osto-teams.zip` holding
 * `manifest.json`, `color.png` and `outline.png` at the zip root, ready to upload in the
 * Teams admin center or Developer Portal.
 *
 *   MicrosoftAppId=<guid> npm run package:teams     (or MicrosoftAppId in .env)
 *
 * The manifest comes from `manifest/teams/manifest.json`: `{{MicrosoftAppId}}`
 * (app id and bot id) and `{{version}}` (package.json) are substituted, then the result is
 * validated offline against the Teams schema bundled in @microsoft/app-manifest and against
 * the rules Teams enforces beyond the schema (command lists, icon sizes). The zip is
 * written here with node:zlib; no zip package.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { readDotEnv } from '../src/config';
import { normalizeGuid } from '../src/core/guid';

const ROOT = resolve(__dirname, '..');
export const TEAMS_DIR = join(ROOT, 'manifest', 'teams');
export const TEMPLATE_FILE = join(TEAMS_DIR, 'manifest.json');
export const DEFAULT_OUT_FILE = join(ROOT, 'dist', 'osto-teams.zip');

/** The newest Teams manifest schema @microsoft/app-manifest 1.1.2 bundles. */
export const MANIFEST_VERSION = '1.30';
export const SCHEMA_URL = `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`;

/** Teams rules the schema does not carry (it allows 12 commands of 128 characters). */
export const MAX_COMMANDS_PER_LIST = 10;
export const MAX_COMMAND_TITLE = 32;
export const COLOR_ICON_SIZE = 192;
export const OUTLINE_ICON_SIZE = 32;

export class PackageError extends Error {
  override name = 'PackageError';
}

export interface PackageOptions {
  /** The bot's Microsoft App ID (the Azure Bot resource's app registration), a GUID. */
  appId: string | undefined;
  outFile: string;
  /** Defaults to manifest/teams/manifest.json; icons are read beside it. */
  templateFile?: string;
}

export interface PackageResult {
  outFile: string;
  manifest: Record<string, unknown>;
  entries: string[];
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Substitutes, validates and zips. Writes nothing when anything is wrong. */
export async function packageTeamsApp(options: PackageOptions): Promise<PackageResult> {
  const appId = checkAppId(options.appId);
  const templateFile = options.templateFile ?? TEMPLATE_FILE;
  const manifest = renderManifest(readFileSync(templateFile, 'utf8'), {
    MicrosoftAppId: appId,
    version: packageVersion(),
  });

  const icons = manifest['icons'] as { color?: unknown; outline?: unknown } | undefined;
  const colorName = typeof icons?.color === 'string' ? icons.color : 'color.png';
  const outlineName = typeof icons?.outline === 'string' ? icons.outline : 'outline.png';
  const dir = dirname(templateFile);
  const color = readFileSync(join(dir, colorName));
  const outline = readFileSync(join(dir, outlineName));

  const errors = [
    ...(await validateAgainstBundledSchema(manifest)),
    ...teamsRuleErrors(manifest),
    ...iconErrors(colorName, color, COLOR_ICON_SIZE),
    ...iconErrors(outlineName, outline, OUTLINE_ICON_SIZE),
  ];
  if (errors.length > 0) {
    const where = relative(process.cwd(), templateFile) || templateFile;
    throw new PackageError(
      `${where} is not a valid Teams app manifest (schema v${MANIFEST_VERSION}):\n${errors.map((e) => `  - ${e}`).join('\n')}`,
    );
  }

  const files = [
    { name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8') },
    { name: colorName, data: color },
    { name: outlineName, data: outline },
  ];
  mkdirSync(dirname(options.outFile), { recursive: true });
  const tmp = `${options.outFile}.${process.pid}.tmp`;
  writeFileSync(tmp, zip(files));
  renameSync(tmp, options.outFile);
  return { outFile: options.outFile, manifest, entries: files.map((f) => f.name) };
}

/** The app id, or a one-line refusal naming MicrosoftAppId. */
export function checkAppId(raw: string | undefined): string {
  const value = raw?.trim() ?? '';
  if (value === '') {
    throw new PackageError(
      "MicrosoftAppId is not set: set it (environment or .env) to your Azure Bot's Microsoft App ID, a GUID",
    );
  }
  const guid = normalizeGuid(value);
  if (!guid)
    throw new PackageError(
      `MicrosoftAppId must be a GUID (your Azure Bot's Microsoft App ID), got "${value}"`,
    );
  if (/^[0-]+$/.test(guid))
    throw new PackageError("MicrosoftAppId is the all-zero GUID; use your Azure Bot's Microsoft App ID");
  return guid;
}

/** MicrosoftAppId from the environment, else from `.env` (an empty value counts as unset). */
export function appIdFromEnvironment(
  env: NodeJS.ProcessEnv = process.env,
  dotEnvPath = '.env',
): string | undefined {
  const fromEnv = env['MicrosoftAppId']?.trim();
  if (fromEnv) return fromEnv;
  if (!existsSync(dotEnvPath)) return undefined;
  return readDotEnv(readFileSync(dotEnvPath, 'utf8'), {})['MicrosoftAppId']?.trim() || undefined;
}

/** Parses the template and replaces `{{name}}` in its string values; an unknown placeholder is an error. */
export function renderManifest(template: string, values: Record<string, string>): Record<string, unknown> {
  const substitute = (node: Json): Json => {
    if (typeof node === 'string') {
      return node.replace(/\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, (_, name: string) => {
        const value = values[name];
        if (value === undefined)
          throw new PackageError(`manifest template: no value for placeholder {{${name}}}`);
        return value;
      });
    }
    if (Array.isArray(node)) return node.map(substitute);
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, substitute(v)]));
    }
    return node;
  };
  const parsed = JSON.parse(template) as Json;
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new PackageError('manifest template: not a JSON object');
  }
  return substitute(parsed) as Record<string, unknown>;
}

/** The bundled schema file for SCHEMA_URL; never fetched from the network. */
export function bundledSchemaFile(schemaUrl = SCHEMA_URL): string {
  const prefix = 'https://developer.microsoft.com/';
  if (!schemaUrl.startsWith(prefix)) throw new PackageError(`not a Microsoft schema URL: ${schemaUrl}`);
  const pkg = dirname(require.resolve('@microsoft/app-manifest/package.json'));
  const file = join(pkg, 'build', schemaUrl.slice(prefix.length));
  if (!existsSync(file)) {
    throw new PackageError(`@microsoft/app-manifest does not bundle ${schemaUrl} (looked for ${file})`);
  }
  return file;
}

type Validate = typeof AppManifestUtils.validateAgainstSchema;

/** Schema errors as "path message" lines; [] when valid. */
export async function validateAgainstBundledSchema(manifest: Record<string, unknown>): Promise<string[]> {
  if (manifest['$schema'] !== SCHEMA_URL || manifest['manifestVersion'] !== MANIFEST_VERSION) {
    return [`$schema must be ${SCHEMA_URL} and manifestVersion "${MANIFEST_VERSION}" (the bundled schema)`];
  }
  bundledSchemaFile(); // refuse rather than let fetchSchema go to the network
  const schema = (await AppManifestUtils.fetchSchema(SCHEMA_URL)) as Parameters<Validate>[1];
  return AppManifestUtils.validateAgainstSchema(manifest as unknown as Parameters<Validate>[0], schema);
}

/** What Teams refuses although the v1.30 schema allows it. */
export function teamsRuleErrors(manifest: Record<string, unknown>): string[] {
  const errors: string[] = [];
  const bots = Array.isArray(manifest['bots']) ? (manifest['bots'] as Array<Record<string, unknown>>) : [];
  bots.forEach((bot, b) => {
    if (bot['botId'] !== manifest['id']) errors.push(`/bots/${b}/botId must equal /id (the app id)`);
    const lists = Array.isArray(bot['commandLists'])
      ? (bot['commandLists'] as Array<Record<string, unknown>>)
      : [];
    lists.forEach((list, l) => {
      const commands = Array.isArray(list['commands'])
        ? (list['commands'] as Array<Record<string, unknown>>)
        : [];
      if (commands.length > MAX_COMMANDS_PER_LIST) {
        errors.push(
          `/bots/${b}/commandLists/${l} has ${commands.length} commands; Teams allows ${MAX_COMMANDS_PER_LIST}`,
        );
      }
      commands.forEach((command, c) => {
        const title = String(command['title'] ?? '');
        if (title.length > MAX_COMMAND_TITLE) {
          errors.push(
            `/bots/${b}/commandLists/${l}/commands/${c}/title "${title}" is ${title.length} characters; Teams allows ${MAX_COMMAND_TITLE}`,
          );
        }
      });
    });
  });
  return errors;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's IHDR, or undefined when it is not a PNG. */
export function pngSize(png: Buffer): { width: number; height: number } | undefined {
  if (
    png.length < 24 ||
    !png.subarray(0, 8).equals(PNG_SIGNATURE) ||
    png.toString('latin1', 12, 16) !== 'IHDR'
  ) {
    return undefined;
  }
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

function iconErrors(name: string, png: Buffer, size: number): string[] {
  if (basename(name) !== name) return [`icon ${name} must be a file name at the package root`];
  const got = pngSize(png);
  if (!got) return [`icon ${name} is not a PNG`];
  if (got.width !== size || got.height !== size) {
    return [`icon ${name} is ${got.width}x${got.height}; Teams wants ${size}x${size}`];
  }
  return [];
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (ISO 3309, as zip and PNG use it). zlib.crc32 exists only from Node 20.15. */
export function crc32(data: Uint8Array, crc = 0): number {
  let c = ~crc >>> 0;
  for (const byte of data) c = (CRC_TABLE[(c ^ byte) & 0xff] as number) ^ (c >>> 8);
  return ~c >>> 0;
}

/** 2024-01-01 00:00 in MS-DOS form: a fixed stamp keeps the package reproducible. */
const DOS_TIME = 0;
const DOS_DATE = ((2024 - 1980) << 9) | (1 << 5) | 1;

/** A zip archive (deflate, no zip64: the package is a few kilobytes). */
export function zip(files: ReadonlyArray<{ name: string; data: Buffer }>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const name = Buffer.from(file.name, 'utf8');
    const compressed = deflateRawSync(file.data, { level: 9 });
    const crc = crc32(file.data);

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); // local file header signature
    local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    local.writeUInt16LE(0x0800, 6); // flags: names are UTF-8
    local.writeUInt16LE(8, 8); // method: deflate
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(file.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28); // extra field length
    locals.push(local, name, compressed);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); // central directory header signature
    central.writeUInt16LE((3 << 8) | 20, 4); // made by: Unix, 2.0
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(file.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    // extra length, comment length, disk number, internal attributes: 0
    central.writeUInt32LE((0o100644 << 16) >>> 0, 38); // external attributes: regular file, rw-r--r--
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);

    offset += local.length + name.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); // end of central directory signature
  end.writeUInt16LE(files.length, 8); // entries on this disk
  end.writeUInt16LE(files.length, 10); // entries in total
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version?: unknown };
  if (typeof pkg.version !== 'string') throw new PackageError('package.json has no version');
  return pkg.version;
}

async function main(): Promise<void> {
  const result = await packageTeamsApp({ appId: appIdFromEnvironment(), outFile: DEFAULT_OUT_FILE });
  const bots = result.manifest['bots'] as Array<{ botId: string }>;
  process.stdout.write(
    `package:teams: wrote ${relative(process.cwd(), result.outFile)} (${result.entries.join(', ')}) for bot ${bots[0]?.botId}\n`,
  );
}

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`package:teams: ${e instanceof PackageError ? e.message : String(e)}\n`);
    process.exit(1);
  });
}

import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { inflateRawSync, inflateSync, crc32 as zlibCrc32 } from 'node:zlib';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { colorIcon, outlineIcon } from '../../scripts/make-teams-icons';
import {
  appIdFromEnvironment,
  checkAppId,
  PackageError,
  packageTeamsApp,
  SCHEMA_URL,
  TEAMS_DIR,
  TEMPLATE_FILE,
} from '../../scripts/package-teams';

// @microsoft/app-manifest require()s strip-bom 5, an ES module. Node 20.19+ and tsx load it;
// jest on Node < 24.9 cannot. It only serves the package's file readers, which we do not use.
jest.mock('strip-bom', () => ({ __esModule: true, default: (s: string) => s.replace(/^\uFEFF/, '') }));

import { manifestCommands } from '../../src/core/commands/table';

const APP_ID = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const SPEC_COMMANDS = [
  'connect azure',
  'status',
  'sync',
  'assets',
  'findings',
  'rotate',
  'notify',
  'disconnect',
  'audit',
  'help',
];

// --- an independent reader of what the script wrote: zip central directory and PNG ---

function unzip(zip: Buffer): Map<string, Buffer> {
  let eocd = -1;
  for (let i = zip.length - 22; i >= 0; i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('no end of central directory record');
  const count = zip.readUInt16LE(eocd + 10);
  const size = zip.readUInt32LE(eocd + 12);
  let at = zip.readUInt32LE(eocd + 16);
  expect(at + size).toBe(eocd);
  const out = new Map<string, Buffer>();
  for (let n = 0; n < count; n++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const compressedSize = zip.readUInt32LE(at + 20);
    const uncompressedSize = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localOffset = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;

    expect(zip.readUInt32LE(localOffset)).toBe(0x04034b50);
    expect(
      zip.toString('utf8', localOffset + 30, localOffset + 30 + zip.readUInt16LE(localOffset + 26)),
    ).toBe(name);
    const start = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    const raw = zip.subarray(start, start + compressedSize);
    const data = method === 8 ? inflateRawSync(raw) : method === 0 ? Buffer.from(raw) : undefined;
    if (!data) throw new Error(`${name}: unexpected compression method ${method}`);
    expect(data.length).toBe(uncompressedSize);
    expect(zlibCrc32(data)).toBe(crc);
    out.set(name, data);
  }
  return out;
}

interface Decoded {
  width: number;
  height: number;
  pixels: Buffer;
}

/** An 8-bit RGBA, non-interlaced PNG whose rows all use filter 0 (as make-teams-icons writes them). */
function decodePng(png: Buffer): Decoded {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let at = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  const types: string[] = [];
  while (at < png.length) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    expect(png.readUInt32BE(at + 8 + length)).toBe(zlibCrc32(png.subarray(at + 4, at + 8 + length)));
    types.push(type);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect([...data.subarray(8)]).toEqual([8, 6, 0, 0, 0]); // 8-bit RGBA, deflate, filter 0, no interlace
    }
    if (type === 'IDAT') idat.push(data);
    at += 12 + length;
  }
  expect(types[0]).toBe('IHDR');
  expect(types[types.length - 1]).toBe('IEND');
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  expect(raw.length).toBe((stride + 1) * height);
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (stride + 1)]).toBe(0);
    raw.copy(pixels, y * stride, y * (stride + 1) + 1, (y + 1) * (stride + 1));
  }
  return { width, height, pixels };
}

async function bundledSchemaValidate(manifest: Record<string, unknown>): Promise<string[]> {
  const file = join(
    dirname(require.resolve('@microsoft/app-manifest/package.json')),
    'build/json-schemas/teams/v1.30/MicrosoftTeams.schema.json',
  );
  type Validate = typeof AppManifestUtils.validateAgainstSchema;
  const schema = JSON.parse(readFileSync(file, 'utf8')) as Parameters<Validate>[1];
  return AppManifestUtils.validateAgainstSchema(manifest as unknown as Parameters<Validate>[0], schema);
}

// --- the package ---

describe('Teams app package', () => {
  let dir: string;
  let outFile: string;
  let files: Map<string, Buffer>;
  let manifest: Record<string, unknown> & {
    id: string;
    bots: Array<{
      botId: string;
      scopes: string[];
      supportsFiles: boolean;
      isNotificationOnly: boolean;
      commandLists: Array<{ scopes: string[]; commands: Array<{ title: string; description?: string }> }>;
    }>;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'osto-teams-'));
    outFile = join(dir, 'out', 'osto-teams.zip');
    const result = await packageTeamsApp({ appId: APP_ID, outFile });
    expect(result.outFile).toBe(outFile);
    files = unzip(readFileSync(outFile));
    manifest = JSON.parse((files.get('manifest.json') as Buffer).toString('utf8'));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('holds exactly manifest.json and the two icons at the root', () => {
    expect([...files.keys()].sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
  });

  it('validates against the bundled Teams schema with zero errors', async () => {
    expect(manifest['$schema']).toBe(SCHEMA_URL);
    expect(manifest['manifestVersion']).toBe('1.30');
    expect(Number((manifest['manifestVersion'] as string).split('.')[1])).toBeGreaterThanOrEqual(17);
    expect(await bundledSchemaValidate(manifest)).toEqual([]);
    // and the check is not vacuous
    expect(await bundledSchemaValidate({ ...manifest, id: 'not-a-guid' })).toEqual([
      expect.stringMatching(/^\/id must match pattern/),
    ]);
  });

  it('carries the app id as app id and bot id, and no placeholder', () => {
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.bots).toHaveLength(1);
    expect(manifest.bots[0]?.botId).toBe(APP_ID);
    expect(JSON.stringify(manifest)).not.toMatch(/\{\{/);
    const pkg = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as {
      version: string;
    };
    expect(manifest['version']).toBe(pkg.version);
  });

  it('names and describes the app within the limits', () => {
    expect(manifest['name']).toEqual({ short: 'Osto', full: 'Osto cloud connector' });
    const description = manifest['description'] as { short: string; full: string };
    expect(description.short.length).toBeLessThanOrEqual(80);
    expect(description.full.length).toBeLessThanOrEqual(4000);
    expect(manifest['developer']).toMatchObject({ name: 'Osto' });
  });

  it('is a conversational bot in personal, team and group chat scopes', () => {
    const bot = manifest.bots[0]!;
    expect([...bot.scopes].sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(bot.supportsFiles).toBe(false);
    expect(bot.isNotificationOnly).toBe(false);
  });

  it('lists the SPEC 1.5 commands for every scope, titles of at most 32 characters, at most 10 a list', () => {
    const bot = manifest.bots[0]!;
    const covered = bot.commandLists.flatMap((list) => list.scopes).sort();
    expect(covered).toEqual(['groupChat', 'personal', 'team']);
    for (const list of bot.commandLists) {
      expect(list.commands.length).toBeLessThanOrEqual(10);
      expect(list.commands.map((c) => c.title)).toEqual(SPEC_COMMANDS);
      // The lists are the core's verb table, word for word.
      expect(list.commands).toEqual(manifestCommands());
      for (const command of list.commands) {
        expect(command.title.length).toBeLessThanOrEqual(32);
        expect(command.description?.length ?? 0).toBeGreaterThan(0);
      }
    }
  });

  it('ships a 192x192 colour icon', () => {
    const icon = decodePng(files.get('color.png') as Buffer);
    expect([icon.width, icon.height]).toEqual([192, 192]);
    const colours = new Set<number>();
    for (let i = 0; i < icon.pixels.length; i += 4) colours.add(icon.pixels.readUInt32BE(i));
    expect(colours.size).toBeGreaterThan(2);
  });

  it('ships a 32x32 outline icon: white on transparent only', () => {
    const icon = decodePng(files.get('outline.png') as Buffer);
    expect([icon.width, icon.height]).toEqual([32, 32]);
    let white = 0;
    let transparent = 0;
    for (let i = 0; i < icon.pixels.length; i += 4) {
      const [r, g, b, a] = [...icon.pixels.subarray(i, i + 4)];
      if (a === 0) transparent++;
      else {
        expect([r, g, b]).toEqual([255, 255, 255]);
        white++;
      }
    }
    expect(white).toBeGreaterThan(100);
    expect(transparent).toBeGreaterThan(100);
  });

  it('ships the icons scripts/make-teams-icons.ts draws', () => {
    expect(decodePng(readFileSync(join(TEAMS_DIR, 'color.png'))).pixels.equals(colorIcon().rgba)).toBe(true);
    expect(decodePng(readFileSync(join(TEAMS_DIR, 'outline.png'))).pixels.equals(outlineIcon().rgba)).toBe(
      true,
    );
  });
});

describe('Teams app package refusals', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'osto-teams-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['missing', undefined],
    ['blank', '  '],
    ['not a GUID', 'my-bot'],
    ['the all-zero GUID', '00000000-0000-0000-0000-000000000000'],
  ])(
    'refuses an app id that is %s, in one line naming MicrosoftAppId, and writes nothing',
    async (_, appId) => {
      const outFile = join(dir, 'osto-teams.zip');
      const refusal = packageTeamsApp({ appId, outFile });
      await expect(refusal).rejects.toBeInstanceOf(PackageError);
      await expect(refusal).rejects.toThrow(/^MicrosoftAppId\b[^\n]*$/);
      expect(existsSync(outFile)).toBe(false);
    },
  );

  it('reads MicrosoftAppId from the environment first, then from .env; empty counts as unset', () => {
    const dotEnv = join(dir, '.env');
    writeFileSync(dotEnv, `# bot\nMicrosoftAppId=${APP_ID}\n`);
    expect(appIdFromEnvironment({ MicrosoftAppId: 'from-env' }, dotEnv)).toBe('from-env');
    expect(appIdFromEnvironment({ MicrosoftAppId: '' }, dotEnv)).toBe(APP_ID);
    expect(appIdFromEnvironment({}, dotEnv)).toBe(APP_ID);
    expect(appIdFromEnvironment({}, join(dir, 'missing.env'))).toBeUndefined();
    writeFileSync(dotEnv, 'MicrosoftAppId=\n');
    expect(appIdFromEnvironment({}, dotEnv)).toBeUndefined();
  });

  it('accepts a GUID in braces or upper case and writes it lower case', () => {
    expect(checkAppId(`{${APP_ID.toUpperCase()}}`)).toBe(APP_ID);
  });

  it('lists every validation error of a bad manifest, and writes nothing', async () => {
    const template = JSON.parse(readFileSync(TEMPLATE_FILE, 'utf8'));
    template.name.short = 'Osto, the cloud connector for Azure';
    template.accentColor = 'blue';
    const commands = template.bots[0].commandLists[0].commands;
    // The list holds 10 already: one too many, and a title too long.
    commands.push({ title: 'a command title that is far too long for Teams' });
    const templateFile = join(dir, 'teams', 'manifest.json');
    mkdirSync(dirname(templateFile));
    writeFileSync(templateFile, JSON.stringify(template));
    copyFileSync(join(TEAMS_DIR, 'color.png'), join(dir, 'teams', 'color.png'));
    copyFileSync(join(TEAMS_DIR, 'outline.png'), join(dir, 'teams', 'outline.png'));
    const outFile = join(dir, 'osto-teams.zip');

    const error = await packageTeamsApp({ appId: APP_ID, outFile, templateFile }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PackageError);
    const message = (error as Error).message;
    expect(message).toMatch(/\/name\/short must NOT have more than 30 characters/);
    expect(message).toMatch(/\/accentColor must match pattern/);
    expect(message).toMatch(/commandLists\/0 has 11 commands; Teams allows 10/);
    expect(message).toMatch(
      /title "a command title that is far too long for Teams" is 46 characters; Teams allows 32/,
    );
    expect(existsSync(outFile)).toBe(false);
  });

  it('refuses icons of the wrong size', async () => {
    const teams = join(dir, 'teams');
    mkdirSync(teams);
    copyFileSync(TEMPLATE_FILE, join(teams, 'manifest.json'));
    copyFileSync(join(TEAMS_DIR, 'outline.png'), join(teams, 'color.png'));
    copyFileSync(join(TEAMS_DIR, 'outline.png'), join(teams, 'outline.png'));
    await expect(
      packageTeamsApp({
        appId: APP_ID,
        outFile: join(dir, 'osto-teams.zip'),
        templateFile: join(teams, 'manifest.json'),
      }),
    ).rejects.toThrow(/icon color\.png is 32x32; Teams wants 192x192/);
  });
});

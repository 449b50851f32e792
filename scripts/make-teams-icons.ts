/**
 * Draws the Teams app icons (issue 4) and writes them as PNGs with node:zlib only:
 *   manifest/teams/color.png    192x192, full colour: a white shield with an "O" on Osto blue
 *   manifest/teams/outline.png  32x32, white on transparent (Teams' rule for outline icons)
 *
 *   npx tsx scripts/make-teams-icons.ts
 *
 * The PNGs are committed; run this only to change the drawing.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { COLOR_ICON_SIZE, crc32, OUTLINE_ICON_SIZE, TEAMS_DIR } from './package-teams';

/** The manifest's accentColor (#1E3A8A). */
export const ACCENT: readonly [number, number, number] = [0x1e, 0x3a, 0x8a];
const WHITE: readonly [number, number, number] = [0xff, 0xff, 0xff];

export interface Image {
  width: number;
  height: number;
  /** RGBA, 8 bits a channel, rows top to bottom. */
  rgba: Buffer;
}

/**
 * The mark in unit coordinates (0..1 both ways, y down): a shield with a flat top and a
 * pointed base, with a ring ("O") cut out of it.
 */
export function inMark(x: number, y: number, scale: number): boolean {
  // scale < 1 shrinks the mark about the centre, leaving a margin
  const u = 0.5 + (x - 0.5) / scale;
  const v = 0.5 + (y - 0.5) / scale;
  const top = 0.08;
  const shoulder = 0.5;
  const tip = 0.94;
  if (v < top || v > tip) return false;
  const half = v <= shoulder ? 0.36 : 0.36 * (1 - ((v - shoulder) / (tip - shoulder)) ** 2);
  if (Math.abs(u - 0.5) > half) return false;
  const r = Math.hypot(u - 0.5, v - 0.45);
  return !(r <= 0.2 && r >= 0.105);
}

/** Renders with n x n samples a pixel; `paint` gets the fraction of samples inside the mark. */
function render(size: number, scale: number, paint: (coverage: number) => readonly number[]): Image {
  const n = 4;
  const rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let inside = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          if (inMark((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size, scale)) inside++;
        }
      }
      const [r = 0, g = 0, b = 0, a = 0] = paint(inside / (n * n));
      rgba.set([r, g, b, a], (py * size + px) * 4);
    }
  }
  return { width: size, height: size, rgba };
}

/** 192x192: the white mark on a full-bleed accent background, opaque. */
export function colorIcon(): Image {
  return render(COLOR_ICON_SIZE, 0.72, (c) => [
    ...ACCENT.map((bg, i) => Math.round(bg + ((WHITE[i] as number) - bg) * c)),
    255,
  ]);
}

/** 32x32: the mark in white, the rest transparent; edges are anti-aliased by alpha only. */
export function outlineIcon(): Image {
  return render(OUTLINE_ICON_SIZE, 0.94, (c) => (c === 0 ? [0, 0, 0, 0] : [...WHITE, Math.round(255 * c)]));
}

/** A PNG: signature, IHDR (8-bit RGBA), one IDAT (every row filter 0, zlib), IEND. */
export function encodePng(image: Image): Buffer {
  const { width, height, rgba } = image;
  if (rgba.length !== width * height * 4) throw new Error('encodePng: rgba length does not match the size');
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: RGBA
  // compression 0 (deflate), filter method 0, interlace 0 (none)
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter type 0: None
    rgba.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

if (require.main === module) {
  for (const [file, image] of [
    ['color.png', colorIcon()],
    ['outline.png', outlineIcon()],
  ] as const) {
    const png = encodePng(image);
    writeFileSync(join(TEAMS_DIR, file), png);
    process.stdout.write(
      `make-teams-icons: wrote manifest/teams/${file} (${image.width}x${image.height}, ${png.length} bytes)\n`,
    );
  }
}

// Draws a small, self-contained SVG of a specimen from its habit and colours.
// Deterministic: the same seed always gives the same picture; the id picks the variations.
// No text, no scripts, no external references; each picture stays well under 4 KB.

import type { Habit, MineralSeed } from './minerals';

type Pt = [number, number];
/** A face to fill: its outline and a shade from -1 (dark) to 1 (light). */
type Face = [Pt[], number];

const W = 400;
const H = 300;

// ── Deterministic randomness ─────────────────────────────────────────────────

function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: small, fast and good enough to vary drawings. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ── Colour ───────────────────────────────────────────────────────────────────

function rgbOf(hex: string): [number, number, number] {
  const n = parseInt(hex.replace('#', '').slice(0, 6).padEnd(6, '0'), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** Blend `a` towards `b` by t (0 = a, 1 = b). */
function mix(a: string, b: string, t: number): string {
  const x = rgbOf(a);
  const y = rgbOf(b);
  return '#' + x.map((v, i) => Math.round(v + ((y[i] ?? 0) - v) * t).toString(16).padStart(2, '0')).join('');
}

/** Lighter for f > 0, darker for f < 0. */
function shade(c: string, f: number): string {
  return f >= 0 ? mix(c, '#ffffff', f * 0.6) : mix(c, '#000000', -f * 0.6);
}

function luma(c: string): number {
  const [r, g, b] = rgbOf(c);
  return (0.299 * r + 0.587 * g + 0.114 * b) / 255;
}

// ── Geometry helpers ─────────────────────────────────────────────────────────

const r1 = (n: number): number => Math.round(n);

/** Rotate by `deg`, scale by `s`, move to (x, y). Local "up" is -y. */
function place(pts: Pt[], x: number, y: number, deg: number, s: number, sx = 1): Pt[] {
  const a = (deg * Math.PI) / 180;
  const c = Math.cos(a);
  const n = Math.sin(a);
  return pts.map(([px, py]) => [x + (px * sx * c - py * n) * s, y + (px * sx * n + py * c) * s]);
}

function d(pts: Pt[]): string {
  return 'M' + pts.map(([x, y]) => `${r1(x)} ${r1(y)}`).join('L') + 'Z';
}

/** One path per colour; the faces of one solid never overlap, so grouping keeps the picture right. */
function solid(faces: Face[], color: string): string {
  const byFill = new Map<string, string>();
  for (const [pts, f] of faces) {
    const fill = shade(color, Math.round(f * 10) / 10);
    byFill.set(fill, (byFill.get(fill) ?? '') + d(pts));
  }
  // A hairline stroke in the same colour (width set once on the outer group) hides anti-aliasing seams.
  return [...byFill].map(([fill, path]) => `<path fill="${fill}" stroke="${fill}" d="${path}"/>`).join('');
}

/** A closed smooth blob through points around (cx, cy). */
function blob(cx: number, cy: number, rx: number, ry: number, n: number, wobble: number, rand: () => number): string {
  const pts: Pt[] = [];
  for (let i = 0; i < n; i++) {
    const a = (i / n) * Math.PI * 2;
    const k = 1 - wobble / 2 + rand() * wobble;
    pts.push([cx + Math.cos(a) * rx * k, cy + Math.sin(a) * ry * k]);
  }
  const mid = (p: Pt, q: Pt): Pt => [(p[0] + q[0]) / 2, (p[1] + q[1]) / 2];
  const at = (i: number): Pt => pts[((i % n) + n) % n] as Pt;
  const start = mid(at(-1), at(0));
  let out = `M${r1(start[0])} ${r1(start[1])}`;
  for (let i = 0; i < n; i++) {
    const m = mid(at(i), at(i + 1));
    out += `Q${r1(at(i)[0])} ${r1(at(i)[1])} ${r1(m[0])} ${r1(m[1])}`;
  }
  return out + 'Z';
}

// ── Crystal shapes, in local units (base at 0, growing towards -y) ─────────

/** A hexagonal prism seen from slightly above; pointed (pyramid) or flat (pinacoid) top. */
function prism(w: number, len: number, tip: number, flat: boolean): Face[] {
  const h = w * 0.16;
  const a: Pt = [-w / 2, -len];
  const b: Pt = [-w / 4, -len + h];
  const c: Pt = [w / 4, -len + h];
  const e: Pt = [w / 2, -len];
  const faces: Face[] = [
    [[[-w / 2, 0], [-w / 4, h], b, a], 0.35],
    [[[-w / 4, h], [w / 4, h], c, b], -0.05],
    [[[w / 4, h], [w / 2, 0], e, c], -0.5],
  ];
  if (flat) {
    faces.push([[a, [-w / 4, -len - h], [w / 4, -len - h], e, c, b], 0.6]);
  } else {
    const apex: Pt = [w * 0.04, -len - tip];
    faces.push([[a, b, apex], 0.65], [[b, c, apex], 0.25], [[c, e, apex], -0.25]);
  }
  return faces;
}

/** An octahedron (or a stretched one: dipyramid, scalenohedron), centred on 0. */
function octa(sx: number, sy: number, tw: number): Face[] {
  const top: Pt = [tw * sx, -sy];
  const bot: Pt = [-tw * sx, sy];
  const l: Pt = [-sx, 0.06 * sy];
  const f: Pt = [0.18 * sx, 0.2 * sy];
  const r: Pt = [sx, -0.06 * sy];
  return [
    [[top, l, f], 0.55],
    [[top, f, r], 0.05],
    [[bot, l, f], -0.2],
    [[bot, f, r], -0.6],
  ];
}

/** A cube (or, sheared, a rhombohedron) standing on 0. */
function box(s: number, turn: number, shear: number, hopper: boolean): Face[] {
  const a = s * Math.cos(turn);
  const c = s * Math.sin(turn);
  const tilt = 0.42;
  const p0: Pt = [0, 0];
  const pl: Pt = [-a, -a * tilt];
  const pr: Pt = [c, -c * tilt];
  const pb: Pt = [c - a, -(a + c) * tilt];
  const dn: Pt = [shear * s, s];
  const add = (p: Pt, q: Pt): Pt => [p[0] + q[0], p[1] + q[1]];
  const lift = (p: Pt): Pt => [p[0] - dn[0], p[1] - dn[1]];
  // Build it with its top at -s so the base sits at 0.
  const T = [p0, pl, pb, pr].map(lift);
  const [t0, tl, tb, tr] = T as [Pt, Pt, Pt, Pt];
  const faces: Face[] = [
    [[t0, tl, tb, tr], 0.6],
    [[tl, t0, add(t0, dn), add(tl, dn)], 0.05],
    [[t0, tr, add(tr, dn), add(t0, dn)], -0.5],
  ];
  if (hopper) {
    const cx = (t0[0] + tb[0]) / 2;
    const cy = (t0[1] + tb[1]) / 2;
    const inset = (p: Pt, k: number): Pt => [cx + (p[0] - cx) * k, cy + (p[1] - cy) * k + s * 0.06];
    faces.push([[inset(t0, 0.6), inset(tl, 0.6), inset(tb, 0.6), inset(tr, 0.6)], 0.2]);
  }
  return faces;
}

function tetra(s: number, k: number): Face[] {
  const a: Pt = [-s, s * 0.55];
  const b: Pt = [s, s * 0.45];
  const c: Pt = [s * 0.1 * k, -s];
  const m: Pt = [s * 0.12, s * 0.05];
  return [
    [[a, m, c], 0.5],
    [[m, b, c], -0.35],
    [[a, b, m], -0.05],
  ];
}

/** A rhombic dodecahedron seen along a two-fold axis: the garnet shape. */
function dodeca(s: number): Face[] {
  const t: Pt = [0, -s];
  const b: Pt = [0, s];
  const ul: Pt = [-0.72 * s, -0.5 * s];
  const ur: Pt = [0.72 * s, -0.5 * s];
  const ll: Pt = [-0.72 * s, 0.5 * s];
  const lr: Pt = [0.72 * s, 0.5 * s];
  const it: Pt = [0, -0.45 * s];
  const ib: Pt = [0, 0.45 * s];
  const il: Pt = [-0.36 * s, 0];
  const ir: Pt = [0.36 * s, 0];
  return [
    [[it, ir, ib, il], 0.15],
    [[ul, t, it, il], 0.6],
    [[t, ur, ir, it], 0.1],
    [[ir, lr, b, ib], -0.55],
    [[il, ib, b, ll], -0.15],
    [[ul, il, ll], 0.3],
    [[ur, lr, ir], -0.3],
  ];
}

/** A thin plate with visible thickness: barite, azurite, gypsum, kyanite blades. */
function plate(w: number, len: number, th: number, pointed: boolean): Face[] {
  const front: Pt[] = pointed
    ? [[-w / 2, 0], [-w / 2, -len * 0.82], [0, -len], [w / 2, -len * 0.82], [w / 2, 0]]
    : [[-w / 2, 0], [-w * 0.42, -len], [w * 0.46, -len], [w / 2, 0]];
  const back = front.map(([x, y]): Pt => [x + th, y - th * 0.6]);
  return [
    [back, -0.45],
    [front, 0.15],
    [[front[0] as Pt, front[1] as Pt, [front[1]![0] + w * 0.18, front[1]![1] + len * 0.04], [w * -0.32, 0]], 0.45],
  ];
}

// ── Scene parts ──────────────────────────────────────────────────────────────

interface Matrix {
  back: string;
  front: string;
  /** Left and right ends of the rock. */
  x0: number;
  x1: number;
  /** y of the matrix surface at x (where crystals are rooted). */
  top: (x: number) => number;
}

function matrix(color: string, rand: () => number, low: boolean): Matrix {
  const n = 6;
  const x0 = 70 + rand() * 30;
  const x1 = 330 - rand() * 30;
  const base = low ? 240 : 222;
  const tops: Pt[] = [];
  for (let i = 0; i <= n; i++) {
    const x = x0 + ((x1 - x0) * i) / n;
    const edge = i === 0 || i === n ? 22 : 0;
    tops.push([x, base + edge - rand() * 20 + Math.abs(i - n / 2) * 3]);
  }
  const mids = tops.map(([x, y]): Pt => [x + (rand() - 0.5) * 10, y + 16 + rand() * 6]);
  const bots = tops.map(([x], i): Pt => [x + (i === 0 ? 14 : i === n ? -14 : 0), 262 + rand() * 4]);
  const backFaces: Face[] = [];
  const frontFaces: Face[] = [];
  for (let i = 0; i < n; i++) {
    const slope = ((tops[i + 1] as Pt)[1] - (tops[i] as Pt)[1]) / 40;
    backFaces.push([[tops[i] as Pt, tops[i + 1] as Pt, mids[i + 1] as Pt, mids[i] as Pt], 0.3 - slope * 0.5]);
    frontFaces.push([[mids[i] as Pt, mids[i + 1] as Pt, bots[i + 1] as Pt, bots[i] as Pt], i % 2 ? -0.35 : -0.15]);
  }
  return {
    back: solid(backFaces, color),
    front: solid(frontFaces, color),
    x0,
    x1,
    top: (x) => {
      const t = Math.max(0, Math.min(n - 0.001, ((x - x0) / (x1 - x0)) * n));
      const i = Math.floor(t);
      const p = mids[i] as Pt;
      const q = mids[i + 1] as Pt;
      return p[1] + (q[1] - p[1]) * (t - i);
    },
  };
}

/** A low-poly lump: an outer ring of broken faces around an inner ring and an off-centre peak, lit from the upper left. */
function lump(cx: number, cy: number, rx: number, ry: number, color: string, rand: () => number): string {
  const n = 9 + Math.floor(rand() * 3);
  const outer: Pt[] = [];
  const inner: Pt[] = [];
  const peak: Pt = [cx - rx * 0.2 + rand() * rx * 0.2, cy - ry * 0.3];
  for (let i = 0; i < n; i++) {
    const a = (i / n) * Math.PI * 2 + rand() * 0.3;
    const k = 0.8 + rand() * 0.25;
    outer.push([cx + Math.cos(a) * rx * k, cy + Math.sin(a) * ry * k]);
    const j = 0.5 + rand() * 0.15;
    inner.push([peak[0] + Math.cos(a + 0.2) * rx * j, peak[1] + Math.sin(a + 0.2) * ry * j * 0.9]);
  }
  const lit = (pts: Pt[], up: number): number => {
    const mx = pts.reduce((t, p) => t + p[0], 0) / pts.length - cx;
    const my = pts.reduce((t, p) => t + p[1], 0) / pts.length - cy;
    return Math.max(-0.75, Math.min(0.7, (-mx / rx - my / ry) * 0.55 + up + (rand() - 0.5) * 0.3));
  };
  const faces: Face[] = [];
  for (let i = 0; i < n; i++) {
    const o1 = outer[i] as Pt;
    const o2 = outer[(i + 1) % n] as Pt;
    const i1 = inner[i] as Pt;
    const i2 = inner[(i + 1) % n] as Pt;
    const side: Pt[] = [o1, o2, i2, i1];
    faces.push([side, lit(side, -0.1)]);
    const cap: Pt[] = [peak, i1, i2];
    faces.push([cap, lit(cap, 0.25)]);
  }
  return solid(faces, color);
}

// ── The picture ──────────────────────────────────────────────────────────────

const CRYSTAL_HABITS: ReadonlySet<Habit> = new Set<Habit>([
  'prismatic', 'hexagonal-prism', 'cubic', 'octahedral', 'dipyramidal', 'scalenohedral', 'rhombohedral',
  'tetrahedral', 'dodecahedral', 'tabular', 'botryoidal', 'acicular', 'wire', 'dendritic',
]);

/** Pictures must stay small; if one comes out too big, draw it again with fewer crystals. */
const MAX_BYTES = 3900;

export function render(id: string, colors: readonly [string, string], habit: Habit): string {
  let svg = '';
  for (let most = 6; most >= 1; most--) {
    svg = draw(id, colors, habit, most);
    if (svg.length <= MAX_BYTES) break;
  }
  return svg;
}

function draw(id: string, colors: readonly [string, string], habit: Habit, most: number): string {
  const h = hash(id);
  const rand = rng(h);
  const p = 'm' + (h % 46656).toString(36); // gradient id prefix, unique enough per page
  const [main, accent] = colors;
  const light = luma(main) > 0.55;
  const bgTop = mix(main, light ? '#3b4250' : '#f6f3ee', light ? 0.72 : 0.86);
  const bgBot = mix(main, light ? '#171a21' : '#cfc9c0', light ? 0.86 : 0.8);
  const defs: string[] = [
    `<linearGradient id="${p}b" x2="0" y2="1"><stop offset="0" stop-color="${bgTop}"/><stop offset="1" stop-color="${bgBot}"/></linearGradient>`,
  ];
  const body: string[] = [
    `<rect width="${W}" height="${H}" fill="url(#${p}b)"/>`,
    `<ellipse cx="200" cy="262" rx="${r1(130 + rand() * 30)}" ry="14" fill="#000" opacity=".22"/>`,
  ];
  const sphere = (c: string): string => {
    defs.push(
      `<radialGradient id="${p}s" cx=".35" cy=".3" r=".75"><stop offset="0" stop-color="${shade(c, 0.75)}"/><stop offset=".45" stop-color="${c}"/><stop offset="1" stop-color="${shade(c, -0.7)}"/></radialGradient>`,
    );
    return `url(#${p}s)`;
  };

  const onMatrix = CRYSTAL_HABITS.has(habit);
  const rock = onMatrix ? matrix(mix(accent, '#7d746a', 0.35), rand, habit === 'botryoidal' || habit === 'dendritic') : null;
  if (rock) body.push(rock.back);
  const root = (x: number): number => (rock ? rock.top(x) : 230);

  /** Spread `n` roots over the matrix, biggest in the middle, drawn back (small) to front (big). */
  const roots = (n: number, spread: number): { x: number; y: number; k: number; tilt: number }[] => {
    const out = [];
    const room = rock ? rock.x1 - rock.x0 - 90 : 200;
    const width = Math.min(spread, room);
    for (let i = 0; i < n; i++) {
      const t = n === 1 ? 0.5 : i / (n - 1);
      const x = 200 + (t - 0.5) * width + (rand() - 0.5) * 16;
      const k = 1 - Math.abs(t - 0.5) * 1.1 - rand() * 0.15;
      out.push({ x, y: root(x) + 6, k: Math.max(0.35, k), tilt: (t - 0.5) * 48 + (rand() - 0.5) * 12 });
    }
    return out.sort((a, b) => a.k - b.k);
  };
  const tint = (k: number): string => mix(main, accent, (1 - k) * 0.15);

  switch (habit) {
    case 'prismatic':
    case 'hexagonal-prism': {
      const flat = habit === 'hexagonal-prism';
      const n = Math.min(most, 1 + Math.floor(rand() * (flat ? 5 : 4)));
      const stubby = flat ? 0.5 + rand() * 0.5 : 1;
      const slim = rand() < 0.4 ? 0.65 : 1;
      for (const r of roots(n, 90 + n * 22)) {
        const len = (70 + rand() * 60) * stubby;
        const w = (flat ? 34 + rand() * 10 : 26 + rand() * 8) * slim;
        body.push(solid(prism(w, len, w * (0.7 + rand() * 0.4), flat).map(([pts, f]) => [place(pts, r.x, r.y, r.tilt, 0.55 + r.k * 0.75), f]), tint(r.k)));
      }
      break;
    }
    case 'cubic':
    case 'rhombohedral': {
      const n = Math.min(most, 1 + Math.floor(rand() * 4));
      const hopper = habit === 'cubic' && rand() < 0.3;
      for (const r of roots(n, 80 + n * 26)) {
        const s = (50 + rand() * 30) * (0.55 + r.k * 0.6);
        const turn = 0.45 + rand() * 0.7;
        const shear = habit === 'rhombohedral' ? 0.3 + rand() * 0.2 : 0;
        body.push(solid(box(s, turn, shear, hopper).map(([pts, f]) => [place(pts, r.x, r.y + 4, r.tilt * 0.2, 1), f]), tint(r.k)));
      }
      break;
    }
    case 'octahedral':
    case 'dipyramidal':
    case 'scalenohedral':
    case 'tetrahedral':
    case 'dodecahedral': {
      const single = habit === 'scalenohedral' ? rand() < 0.6 : rand() < 0.15;
      const n = single ? 1 : Math.min(most, 2 + Math.floor(rand() * 4));
      for (const r of roots(n, 80 + n * 24)) {
        const s = (36 + rand() * 18) * (0.55 + r.k * 0.6) * (single ? 1.5 : 1);
        const shape =
          habit === 'octahedral' ? octa(s, s * 1.05, 0.05)
          : habit === 'dipyramidal' ? octa(s * 0.8, s * 1.6, 0.08)
          : habit === 'scalenohedral' ? octa(s * 0.55, s * 2.2, 0.18)
          : habit === 'tetrahedral' ? tetra(s, rand() - 0.5)
          : dodeca(s);
        const lift = habit === 'scalenohedral' ? s * 1.85 : habit === 'dipyramidal' ? s * 1.3 : s * 0.7;
        body.push(solid(shape.map(([pts, f]) => [place(pts, r.x, r.y - lift, r.tilt * 0.5, 1), f]), tint(r.k)));
      }
      break;
    }
    case 'tabular': {
      const n = Math.min(most, 2 + Math.floor(rand() * 5));
      const pointed = rand() < 0.5;
      const aspect = 0.6 + rand() * 0.7;
      for (const r of roots(n, 70 + n * 18)) {
        const len = 70 + rand() * 60;
        body.push(solid(plate(len * aspect * 0.7, len, 6, pointed).map(([pts, f]) => [place(pts, r.x, r.y, r.tilt * 1.3, 0.6 + r.k * 0.6), f]), tint(r.k)));
      }
      break;
    }
    case 'botryoidal': {
      const fill = sphere(main);
      const balls: [number, number, number][] = [];
      const n = 20 + Math.floor(rand() * 10);
      const left = rock ? rock.x0 + 40 : 110;
      const right = rock ? rock.x1 - 40 : 290;
      for (let i = 0; i < n; i++) {
        const t = 0.05 + rand() * 0.9;
        const x = left + t * (right - left);
        const hump = Math.sin(t * Math.PI);
        const rr = 12 + rand() * 12 + hump * 10;
        balls.push([x, root(x) - 4 - hump * (15 + rand() * 45), rr]);
      }
      balls.sort((a, b) => a[1] - b[1]);
      body.push(`<g fill="${fill}">${balls.map(([x, y, rr]) => `<circle cx="${r1(x)}" cy="${r1(y)}" r="${r1(rr)}"/>`).join('')}</g>`);
      break;
    }
    case 'acicular':
    case 'wire':
    case 'dendritic': {
      let dark = '';
      let lite = '';
      const sprays = habit === 'acicular' ? 1 + Math.floor(rand() * 3) : 1;
      for (let sI = 0; sI < sprays; sI++) {
        const ox = 200 + (sI - (sprays - 1) / 2) * 80 + (rand() - 0.5) * 20;
        const oy = root(ox) + 4;
        if (habit === 'acicular') {
          const m = 16 + Math.floor(rand() * 12);
          for (let i = 0; i < m; i++) {
            const a = (-90 + (rand() - 0.5) * 130) * (Math.PI / 180);
            const len = (60 + rand() * 90) * (sprays > 1 ? 0.75 : 1);
            const seg = `M${r1(ox)} ${r1(oy)}l${r1(Math.cos(a) * len)} ${r1(Math.sin(a) * len)}`;
            if (i % 3) dark += seg;
            else lite += seg;
          }
        } else if (habit === 'wire') {
          const m = 5 + Math.floor(rand() * 4);
          for (let i = 0; i < m; i++) {
            const sx = ox + (rand() - 0.5) * 80;
            const sy = root(sx) + 4;
            const up = 70 + rand() * 80;
            const sw = (rand() - 0.5) * 140;
            const seg = `M${r1(sx)} ${r1(sy)}c${r1(sw)} ${r1(-up * 0.4)} ${r1(-sw)} ${r1(-up * 0.7)} ${r1(sw * 0.6)} ${r1(-up)}`;
            dark += seg;
            lite += seg;
          }
        } else {
          const grow = (x: number, y: number, a: number, len: number, depth: number): void => {
            const x2 = x + Math.cos(a) * len;
            const y2 = y + Math.sin(a) * len;
            dark += `M${r1(x)} ${r1(y)}L${r1(x2)} ${r1(y2)}`;
            if (depth === 0) return;
            grow(x2, y2, a - 0.35 - rand() * 0.4, len * 0.72, depth - 1);
            if (rand() < 0.8) grow(x2, y2, a + 0.35 + rand() * 0.4, len * 0.68, depth - 1);
          };
          grow(ox, oy, -Math.PI / 2 + (rand() - 0.5) * 0.4, 55 + rand() * 15, 4);
          lite = dark;
        }
      }
      const wd = habit === 'acicular' ? 4 : habit === 'wire' ? 7 : 11;
      body.push(
        `<path d="${dark}" stroke="${shade(main, -0.45)}" stroke-width="${wd}" stroke-linecap="round" fill="none"/>`,
        `<path d="${lite}" stroke="${shade(main, habit === 'acicular' ? 0.15 : 0.05)}" stroke-width="${r1(wd * 0.55)}" stroke-linecap="round" fill="none"/>`,
      );
      if (habit !== 'acicular') body.push(`<path d="${lite}" stroke="${shade(main, 0.7)}" stroke-width="${Math.max(1, r1(wd * 0.18))}" stroke-linecap="round" fill="none" transform="translate(-1 -1)"/>`);
      break;
    }
    case 'nugget': {
      const fill = sphere(main);
      body.push(`<path fill="${fill}" d="${blob(200, 190, 108, 66, 11, 0.5, rand)}"/>`);
      let pits = '';
      for (let i = 0; i < 7; i++) {
        pits += `<ellipse cx="${r1(140 + rand() * 120)}" cy="${r1(160 + rand() * 60)}" rx="${r1(3 + rand() * 7)}" ry="${r1(2 + rand() * 4)}"/>`;
      }
      body.push(`<g fill="${accent}" opacity=".55">${pits}</g>`, `<ellipse cx="168" cy="150" rx="26" ry="9" fill="#fff" opacity=".45" transform="rotate(-20 168 150)"/>`);
      break;
    }
    case 'geode': {
      body.push(`<path fill="${shade(accent, -0.1)}" d="${blob(200, 170, 150, 100, 10, 0.16, rand)}"/>`);
      body.push(`<path fill="${shade(accent, 0.55)}" d="${blob(200, 168, 128, 82, 10, 0.12, rand)}"/>`);
      body.push(`<path fill="${shade(main, -0.75)}" d="${blob(200, 168, 118, 74, 10, 0.1, rand)}"/>`);
      const faces: Face[] = [];
      const m = 26;
      for (let i = 0; i < m; i++) {
        const a = (i / m) * Math.PI * 2 + rand() * 0.1;
        const bx = 200 + Math.cos(a) * 114;
        const by = 168 + Math.sin(a) * 70;
        const depth = 0.35 + rand() * 0.25;
        const tx = bx + (200 - bx) * depth;
        const ty = by + (168 - by) * depth;
        const half = 0.13;
        const b1: Pt = [200 + Math.cos(a - half) * 114, 168 + Math.sin(a - half) * 70];
        const b2: Pt = [200 + Math.cos(a + half) * 114, 168 + Math.sin(a + half) * 70];
        const lit = -Math.cos(a) * 0.3 - Math.sin(a) * 0.3;
        faces.push([[b1, [tx, ty], [bx, by]], lit + 0.35], [[[bx, by], [tx, ty], b2], lit - 0.3]);
      }
      body.push(solid(faces, main));
      break;
    }
    case 'massive': {
      body.push(lump(200, 182, 122, 74, main, rand));
      let veins = '';
      for (let i = 0; i < 3; i++) {
        const y = 140 + rand() * 60;
        veins += `M${r1(130 + rand() * 30)} ${r1(y)}q${r1(40 + rand() * 30)} ${r1((rand() - 0.5) * 40)} ${r1(120 + rand() * 20)} ${r1((rand() - 0.5) * 30)}`;
      }
      body.push(`<path d="${veins}" stroke="${accent}" stroke-width="2" fill="none" opacity=".55"/>`);
      break;
    }
    case 'tumbled': {
      const fill = sphere(main);
      let stones = '';
      const n = 3 + Math.floor(rand() * 3);
      for (let i = 0; i < n; i++) {
        const x = 200 + (i - (n - 1) / 2) * (230 / n) + (rand() - 0.5) * 16;
        const y = 205 - (i % 2) * 30 + rand() * 10;
        stones += `<ellipse cx="${r1(x)}" cy="${r1(y)}" rx="${r1(38 + rand() * 14)}" ry="${r1(26 + rand() * 8)}" transform="rotate(${r1((rand() - 0.5) * 50)} ${r1(x)} ${r1(y)})"/>`;
      }
      body.push(`<g fill="${fill}">${stones}</g>`);
      break;
    }
  }

  if (rock) body.push(rock.front);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}">` +
    `<defs>${defs.join('')}</defs><g stroke-width=".6">${body.join('')}</g></svg>`
  );
}

/** The picture for one seed specimen. */
export function mineralSvg(seed: MineralSeed): string {
  return render(seed.id, seed.colors, seed.habit);
}

/** A neutral picture for minerals without one of their own. */
export function placeholderSvg(): string {
  return render('placeholder', ['#a7afb8', '#8a8580'], 'prismatic');
}

import type { IconShapes, Rect, Stroke } from './svg-shapes';

function rgb(color: string): [number, number, number] {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color)?.[1];
  if (!hex) throw new Error(`colour "${color}" is not #rgb or #rrggbb`);
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as [number, number, number];
}

/** Signed distance (negative inside) from a point to a rounded rectangle, in icon units. */
function rectDistance(r: Rect, px: number, py: number): number {
  const radius = Math.min(r.rx, r.width / 2, r.height / 2);
  const qx = Math.abs(px - (r.x + r.width / 2)) - (r.width / 2 - radius);
  const qy = Math.abs(py - (r.y + r.height / 2)) - (r.height / 2 - radius);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
}

/** Distance from a point to the stroke's outline: segments widened by half the stroke, which gives round caps and joins. */
function strokeDistance(s: Stroke, px: number, py: number): number {
  let best = Infinity;
  for (let i = 1; i < s.points.length; i++) {
    const [ax, ay] = s.points[i - 1]!;
    const [bx, by] = s.points[i]!;
    const dx = bx - ax;
    const dy = by - ay;
    const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy || 1)));
    best = Math.min(best, Math.hypot(px - ax - t * dx, py - ay - t * dy));
  }
  return best - s.width / 2;
}

/**
 * Draws the shapes into a size × size RGBA buffer (straight alpha). Edges are
 * anti-aliased from the exact distance to each shape, one pixel wide at any size, so
 * the small sizes stay crisp without supersampling.
 */
export function rasterize(icon: IconShapes, size: number): Uint8Array {
  const [vx, vy, vw, vh] = icon.viewBox;
  const scale = size / Math.max(vw, vh);
  const out = new Uint8Array(size * size * 4);
  const colors = icon.shapes.map((s) => rgb(s.kind === 'rect' ? s.fill : s.color));
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      const px = vx + (col + 0.5) / scale;
      const py = vy + (row + 0.5) / scale;
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      icon.shapes.forEach((shape, i) => {
        const distance = shape.kind === 'rect' ? rectDistance(shape, px, py) : strokeDistance(shape, px, py);
        const coverage = Math.max(0, Math.min(1, 0.5 - distance * scale));
        if (coverage === 0) return;
        const [cr, cg, cb] = colors[i]!;
        // "Over" compositing in premultiplied form.
        r = cr * coverage + r * (1 - coverage);
        g = cg * coverage + g * (1 - coverage);
        b = cb * coverage + b * (1 - coverage);
        a = coverage + a * (1 - coverage);
      });
      const o = (row * size + col) * 4;
      out[o] = a > 0 ? Math.round(r / a) : 0;
      out[o + 1] = a > 0 ? Math.round(g / a) : 0;
      out[o + 2] = a > 0 ? Math.round(b / a) : 0;
      out[o + 3] = Math.round(a * 255);
    }
  }
  return out;
}

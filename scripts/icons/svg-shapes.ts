/**
 * The small part of SVG the app icon uses, read into shapes a rasterizer can draw:
 * the viewBox, <rect> with rx and fill, and <path> polylines (M, L, H, V, absolute or
 * relative) stroked with round caps and joins. Anything else is refused, so a later edit
 * to the icon that this reader would silently drop fails loudly instead.
 */
export interface Rect { kind: 'rect'; x: number; y: number; width: number; height: number; rx: number; fill: string }
export interface Stroke { kind: 'stroke'; points: Array<[number, number]>; width: number; color: string }
export interface IconShapes { viewBox: [number, number, number, number]; shapes: Array<Rect | Stroke> }

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([a-zA-Z-]+)="([^"]*)"/g)) out[m[1]!] = m[2]!;
  return out;
}

function polyline(d: string): Array<[number, number]> {
  const tokens = d.match(/[MmLlHhVv]|-?\d*\.?\d+(?:e-?\d+)?/g) ?? [];
  const points: Array<[number, number]> = [];
  let x = 0;
  let y = 0;
  let command = '';
  for (let i = 0; i < tokens.length; ) {
    if (/[A-Za-z]/.test(tokens[i]!)) command = tokens[i++]!;
    const num = (): number => Number(tokens[i++]);
    switch (command) {
      case 'M': case 'L': x = num(); y = num(); break;
      case 'm': case 'l': x += num(); y += num(); break;
      case 'H': x = num(); break;
      case 'h': x += num(); break;
      case 'V': y = num(); break;
      case 'v': y += num(); break;
      default: throw new Error(`path command "${command}" is not supported by the icon rasterizer`);
    }
    if ((command === 'M' || command === 'm') && points.length > 0) throw new Error('only one subpath per <path> is supported');
    points.push([x, y]);
  }
  return points;
}

export function parseIconSvg(svg: string): IconShapes {
  const root = /<svg\b[^>]*>/.exec(svg);
  const viewBox = root && attributes(root[0]).viewBox?.split(/[\s,]+/).map(Number);
  if (!viewBox || viewBox.length !== 4) throw new Error('the icon SVG needs a viewBox');
  const shapes: IconShapes['shapes'] = [];
  for (const m of svg.matchAll(/<(\w+)\b([^>]*)\/?>/g)) {
    const [, name, rest] = m;
    if (name === 'svg') continue;
    const a = attributes(rest!);
    if (name === 'rect') {
      shapes.push({ kind: 'rect', x: Number(a.x ?? 0), y: Number(a.y ?? 0), width: Number(a.width), height: Number(a.height), rx: Number(a.rx ?? 0), fill: a.fill ?? '#000' });
    } else if (name === 'path') {
      if ((a.fill ?? 'none') !== 'none' || a['stroke-linecap'] !== 'round' || a['stroke-linejoin'] !== 'round') {
        throw new Error('only unfilled paths stroked with round caps and joins are supported');
      }
      shapes.push({ kind: 'stroke', points: polyline(a.d ?? ''), width: Number(a['stroke-width'] ?? 1), color: a.stroke ?? '#000' });
    } else {
      throw new Error(`<${name}> is not supported by the icon rasterizer`);
    }
  }
  return { viewBox: viewBox as IconShapes['viewBox'], shapes };
}

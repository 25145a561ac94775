import { expect } from 'vitest';

/**
 * Checks that an SVG document is well-formed XML as far as the artifact SVGs
 * go: one <svg> root in the SVG namespace, every element closed in order,
 * attribute values quoted, and no raw `<` or `&` in text.
 */
export function expectWellFormedSvg(svg: string): void {
  expect(svg.trimStart().startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  const open: string[] = [];
  let roots = 0;
  const tag = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/y;
  let i = 0;
  while (i < svg.length) {
    const lt = svg.indexOf('<', i);
    const textPart = svg.slice(i, lt === -1 ? svg.length : lt);
    expect(textPart, `text "${textPart}"`).not.toMatch(/&(?!(amp|lt|gt|quot|apos|#\d+);)/);
    if (lt === -1) break;
    tag.lastIndex = lt;
    const m = tag.exec(svg);
    expect(m, `a malformed tag at ${svg.slice(lt, lt + 60)}`).not.toBeNull();
    const [whole, closing, name, , selfClosing] = m!;
    if (closing) expect(open.pop(), `</${name}> closes another element`).toBe(name);
    else if (!selfClosing) {
      if (open.length === 0) roots += 1;
      open.push(name!);
    } else if (open.length === 0) roots += 1;
    i = lt + whole.length;
  }
  expect(open).toEqual([]);
  expect(roots).toBe(1);
}

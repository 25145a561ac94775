import fs from 'node:fs';
import path from 'node:path';
import type { BrowserWindow, Rectangle } from 'electron';

/** The main window's place on screen, kept between starts. */
export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1400, height: 900, maximized: false };
export const MIN_WINDOW_SIZE = { width: 960, height: 600 };

const FILE_NAME = 'window-state.json';

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** At least a corner's worth of the window (100 × 50) must fall on a display, or it could never be dragged back. */
function isReachable(bounds: Rectangle, workAreas: Rectangle[]): boolean {
  return workAreas.some((area) => {
    const overlapX = Math.min(bounds.x + bounds.width, area.x + area.width) - Math.max(bounds.x, area.x);
    const overlapY = Math.min(bounds.y + bounds.height, area.y + area.height) - Math.max(bounds.y, area.y);
    return overlapX >= 100 && overlapY >= 50;
  });
}

/**
 * The saved state, checked against today's displays: a position on a monitor that has
 * since been unplugged is dropped (the window is centred), a size larger than every
 * display is shrunk. A missing or unreadable file gives the defaults.
 */
export function loadWindowState(dir: string, workAreas: Rectangle[]): WindowState {
  let saved: Partial<WindowState>;
  try {
    saved = JSON.parse(fs.readFileSync(path.join(dir, FILE_NAME), 'utf8')) as Partial<WindowState>;
  } catch {
    return { ...DEFAULT_WINDOW_STATE };
  }
  const largest = workAreas.reduce((a, b) => ({ width: Math.max(a.width, b.width), height: Math.max(a.height, b.height) }), { width: 0, height: 0 });
  const clamp = (value: unknown, min: number, max: number, fallback: number): number => {
    const wanted = isFiniteNumber(value) ? Math.round(value) : fallback;
    return Math.max(min, max > 0 ? Math.min(wanted, max) : wanted);
  };
  const width = clamp(saved.width, MIN_WINDOW_SIZE.width, largest.width, DEFAULT_WINDOW_STATE.width);
  const height = clamp(saved.height, MIN_WINDOW_SIZE.height, largest.height, DEFAULT_WINDOW_STATE.height);
  const state: WindowState = { width, height, maximized: saved.maximized === true };
  if (isFiniteNumber(saved.x) && isFiniteNumber(saved.y)) {
    const bounds = { x: Math.round(saved.x), y: Math.round(saved.y), width, height };
    if (isReachable(bounds, workAreas)) Object.assign(state, { x: bounds.x, y: bounds.y });
  }
  return state;
}

/** Written when the window closes: its normal (not maximized) bounds, and whether it was maximized. */
export function saveWindowState(dir: string, window: BrowserWindow): void {
  const bounds = window.getNormalBounds();
  const state: WindowState = { ...bounds, maximized: window.isMaximized() };
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, FILE_NAME), `${JSON.stringify(state)}\n`);
  } catch (error) {
    // Losing the window's place is not worth an error dialog on the way out.
    console.warn('Could not remember the window position:', error);
  }
}

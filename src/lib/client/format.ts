import type { ImageWarning, Knob } from './trpc';

const KNOB_LABELS: Record<Knob, string> = {
  negativePrompt: 'negative prompt',
  seed: 'seed',
  steps: 'steps',
  cfgScale: 'guidance (CFG scale)',
  quality: 'quality',
  style: 'style',
  outputFormat: 'output format',
  background: 'background'
};

export function knobLabel(knob: Knob): string {
  return KNOB_LABELS[knob];
}

export function describeWarning(warning: ImageWarning): string {
  if (warning.type === 'other') return warning.message;
  const sentence = `The model ignored the ${KNOB_LABELS[warning.setting]} setting.`;
  return warning.details ? `${sentence} ${warning.details}` : sentence;
}

/** Sub-cent prices need more digits than dollars do; zero is said as "free". */
export function formatCost(usd: number): string {
  if (usd === 0) return 'free';
  const digits = usd < 0.01 ? 4 : 2;
  return `$${usd.toFixed(digits)}`;
}

/** Money amounts for budgets: zero stays "$0.00" (not "free"); sub-cent amounts keep four digits. */
export function formatUsd(usd: number): string {
  const digits = usd > 0 && usd < 0.01 ? 4 : 2;
  return `$${usd.toFixed(digits)}`;
}

export function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}

export function formatDateTime(moment: string | Date): string {
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(moment));
}

/** The time alone for a moment of today, with the date otherwise. */
export function formatWhen(moment: string | Date, now = new Date()): string {
  const date = new Date(moment);
  if (date.toDateString() !== now.toDateString()) return formatDateTime(date);
  return new Intl.DateTimeFormat(undefined, { timeStyle: 'short' }).format(date);
}

export function formatSize(width: number | null, height: number | null, fallback: string): string {
  return width && height ? `${width} × ${height}` : fallback.replace('x', ' × ');
}

/** Why a disabled control is disabled, for its title and hint. */
export function unsupportedKnobNote(modelLabel: string, knob: Knob): string {
  return `${modelLabel} does not use the ${KNOB_LABELS[knob]} setting, so it is turned off.`;
}

function describeDetail(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return value.map(describeDetail).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** An audit entry's details on one line: `key: value` pairs, lists joined, null as a dash. */
export function summarizeDetails(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(([key, value]) => `${key}: ${describeDetail(value)}`)
    .join(' · ');
}

// What a bench section hands back, and how the runner turns sections into the markdown report.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** What every section gets from the runner. */
export interface BenchContext {
  /** DynamoDB Local, in memory, on a loopback port. */
  dynamoEndpoint: string;
  /** The table TABLE_NAME points at (created before the section runs; shared by all sections). */
  tableName: string;
  /** A low-level client for setup work (not the one the functions use). */
  admin: DynamoDBClient;
  repoRoot: string;
  /** Prints a progress line to stderr (the report itself goes to stdout). */
  log: (message: string) => void;
}

export type Verdict = 'met' | 'missed' | 'info' | 'skipped';

export interface Row {
  measure: string;
  value: string;
  target: string;
  verdict: Verdict;
}

export interface ExtraTable {
  title: string;
  headers: string[];
  rows: string[][];
}

export interface Section {
  /** Short name, matched by `npm run bench -- <name>`. */
  name: string;
  title: string;
  rows: Row[];
  /** Further tables (breakdowns, per-item lists). */
  tables?: ExtraTable[];
  /** Caveats that belong next to the figures. */
  notes?: string[];
  /** Every number behind the rows, for the JSON report. */
  raw: Record<string, unknown>;
  /** Set when the section could not measure (missing piece, not a failure of the shop). */
  skipped?: string;
}

export type SectionModule = { run(ctx: BenchContext): Promise<Section> };

/** met when value <= target. */
export const atMost = (value: number, target: number): Verdict => (Number.isFinite(value) ? (value <= target ? 'met' : 'missed') : 'missed');
/** met when value >= target. */
export const atLeast = (value: number, target: number): Verdict => (Number.isFinite(value) ? (value >= target ? 'met' : 'missed') : 'missed');

const VERDICT_TEXT: Record<Verdict, string> = { met: '✅ met', missed: '❌ missed', info: '—', skipped: '⏭ skipped' };

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function markdownTable(headers: string[], rows: string[][]): string {
  const lines = [`| ${headers.map(cell).join(' | ')} |`, `|${headers.map(() => '---').join('|')}|`];
  for (const row of rows) lines.push(`| ${row.map(cell).join(' | ')} |`);
  return lines.join('\n');
}

export function sectionMarkdown(section: Section): string {
  const parts = [`## ${section.title}`];
  if (section.skipped) parts.push(`Skipped: ${section.skipped}`);
  if (section.rows.length) {
    parts.push(
      markdownTable(
        ['Measure', 'Value', 'Target', 'Verdict'],
        section.rows.map((r) => [r.measure, r.value, r.target, VERDICT_TEXT[r.verdict]]),
      ),
    );
  }
  for (const t of section.tables ?? []) parts.push(`### ${t.title}`, markdownTable(t.headers, t.rows));
  if (section.notes?.length) parts.push(section.notes.map((n) => `- ${n}`).join('\n'));
  return parts.join('\n\n');
}

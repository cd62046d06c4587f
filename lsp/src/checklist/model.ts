/**
 * The checklist as the server sends it (`raiassist/checklist`) and how each requirement is
 * shown: grouping by goal, status words, icons, counts. Pure: no `vscode` import.
 */

export type Status = 'open' | 'met' | 'waived' | 'not-applicable';
export type Severity = 'error' | 'warning' | 'info';

export interface Location {
  path: string;
  /** 0-based cell index in notebooks, null in scripts. */
  cell: number | null;
  line: number;
  column: number;
}

export interface Requirement {
  id: string;
  goal: string;
  title: string;
  status: Status;
  severity: Severity;
  scope: string;
  message: string;
  locations: Location[];
  signals?: { name: string; detail: string; because: string | null }[];
  evidence: { kind: string; detail: string; because?: string | null }[];
  waiver: { reason: string } | null;
  answer: { answer: string; note?: string; reason?: string; by?: string; date?: string; scope?: string } | null;
  /** Met by evidence only in notebook cells that have not been run. */
  not_run?: boolean;
}

/** One section of the order to act in, as the core decides it (`raiassist.next_actions`). */
export interface Section {
  kind: 'code' | 'file' | 'process' | 'info' | 'done';
  title: string;
  collapsed: boolean;
  goal: string | null;
  ids: string[];
}

/** Who the next answer will be recorded as, and where the name comes from. */
export interface Answerer {
  name: string;
  source: 'git' | 'setting' | 'system';
}

/** A catalogue entry that a signal or evidence cites (`because`): which documented API says
 * what the code means. */
export interface Source {
  name: string;
  docs: string;
  catalogue: string;
}

/** One real-world incident where a requirement was missed, in one line with its source. */
export interface Incident {
  requirement: string;
  id: string;
  text: string;
  url: string;
}

export interface Goal {
  id: string;
  title: string;
  principle: string;
}

export interface Checklist {
  path: string;
  relative: string;
  kind: string;
  requirements: Requirement[];
  problems: unknown[];
  sources?: Record<string, Source>;
  /** The one incident the server picked per requirement that has one. */
  incidents?: Incident[];
  goals: Goal[];
  /** The order to act in: sections of requirement ids. */
  next_actions?: Section[];
  /** Open errors and warnings: what the status bar counts. */
  to_act?: number;
  answerer?: Answerer;
}

export interface SectionGroup {
  section: Section;
  requirements: Requirement[];
}

/** The requirements in the order the core says to act on them, in its sections. */
export function sectionsOf(checklist: Checklist): SectionGroup[] {
  const byId = new Map(checklist.requirements.map((req) => [req.id, req]));
  return (checklist.next_actions ?? []).map((section) => ({
    section,
    requirements: section.ids.map((id) => byId.get(id)).filter((req): req is Requirement => req !== undefined),
  }));
}

/** What the tree shows: requirements of these severities and statuses (empty: all). */
export interface Filter {
  severities: Severity[];
  statuses: Status[];
}

/** The sections with only the requirements the filter lets through; empty sections go. */
export function filtered(groups: SectionGroup[], filter: Filter): SectionGroup[] {
  const keep = (req: Requirement): boolean =>
    (!filter.severities.length || filter.severities.includes(req.severity)) &&
    (!filter.statuses.length || filter.statuses.includes(req.status));
  return groups
    .map((group) => ({ ...group, requirements: group.requirements.filter(keep) }))
    .filter((group) => group.requirements.length > 0);
}

/** How many requirements are open at error or warning severity: what there is to act on. */
export function toAct(checklist: Checklist | undefined): number {
  if (checklist === undefined) {
    return 0;
  }
  return checklist.to_act ?? checklist.requirements.filter((r) => r.status === 'open' && r.severity !== 'info').length;
}

/** "Answers are recorded as Dee <dee@example.com> (git)". */
export function answererText(answerer: Answerer | undefined): string {
  if (answerer === undefined) {
    return '';
  }
  const from = { git: "git's user.name", setting: 'the raiassist.answerer setting', system: 'your system login' }[answerer.source];
  return `Recorded as ${answerer.name} (from ${from}).`;
}

/** Open requirements by severity, e.g. "2 errors, 8 warnings, 60 info". */
export function openSummary(checklist: Checklist): string {
  const open = checklist.requirements.filter((req) => req.status === 'open');
  const count = (severity: Severity): number => open.filter((req) => req.severity === severity).length;
  const parts = [
    [count('error'), 'error', 'errors'],
    [count('warning'), 'warning', 'warnings'],
    [count('info'), 'info', 'info'],
  ] as const;
  const words = parts.filter(([n]) => n > 0).map(([n, one, many]) => `${n} ${n === 1 ? one : many}`);
  return words.length ? `${words.join(', ')} open` : 'nothing open';
}

/** The short status shown beside a requirement: what settles it, or its severity. */
export function statusText(req: Requirement): string {
  const note = req.answer?.note ?? req.answer?.reason;
  switch (req.status) {
    case 'met':
      if (req.evidence.length) {
        return `${req.not_run ? 'met — not run yet' : 'met'}: ${evidenceText(req)}`;
      }
      return `met, attested: ${note ?? ''}`.trim();
    case 'waived':
      return `waived: ${req.waiver?.reason ?? note ?? ''}`.trim();
    case 'not-applicable':
      return `not applicable: ${note ?? ''}`.trim();
    default:
      return `open · ${req.severity}`;
  }
}

export interface Icon {
  id: string;
  color?: string;
}

/** ThemeIcon id and colour: severity for open ones, `pass` for met. */
export function iconFor(req: Requirement): Icon {
  switch (req.status) {
    case 'met':
      return { id: 'pass', color: 'testing.iconPassed' };
    case 'waived':
      return { id: 'circle-slash' };
    case 'not-applicable':
      return { id: 'dash' };
    default:
      return { id: req.severity, color: `problems${capitalise(req.severity)}Icon.foreground` };
  }
}

/**
 * A requirement in words, for the tree item's tooltip (markdown). What comes from code, the
 * record or a catalogue is escaped, so it shows as written and links only where we make them.
 */
export function tooltip(req: Requirement, sources: Record<string, Source> = {}, incident?: Incident): string {
  const lines = [
    `**${md(req.id)}** ${md(req.title)}`,
    '',
    `${md(statusText(req))} · ${md(req.scope)}`,
    '',
    md(req.message),
  ];
  if (req.answer?.by) {
    const date = req.answer.date ? ` on ${req.answer.date}` : '';
    lines.push('', md(`Answered by ${req.answer.by}${date}`));
  }
  const entries = catalogueEntries(req, sources);
  if (entries.length) {
    lines.push('', `Per the catalogue: ${entries.map(link).join('; ')}`);
  }
  if (incident) {
    lines.push('', `When this was missed: ${link({ name: incident.text, docs: incident.url, catalogue: '' })}`);
  }
  return lines.join('\n');
}

/** Text safe in markdown: every character markdown or HTML would act on is escaped. */
export function md(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|~>]/g, (c) => `\\${c}`).replace(/&/g, '&amp;').replace(/</g, '&lt;');
}

/** `[name](docs)` for an http(s) address that cannot end the link early; the name alone otherwise. */
function link(source: Source): string {
  const safe = /^https?:\/\/[^\s()<>[\]`]+$/.test(source.docs);
  return safe ? `[${md(source.name)}](${source.docs})` : md(source.name);
}

/** What met a requirement, the first three by name and the rest counted. */
function evidenceText(req: Requirement): string {
  const named = req.evidence.slice(0, 3).map((e) => e.detail);
  const more = req.evidence.length - named.length;
  return named.join('; ') + (more > 0 ? `; and ${more} more` : '');
}

/** The distinct catalogue entries behind a requirement's signals and evidence, at most three. */
export function catalogueEntries(req: Requirement, sources: Record<string, Source>): Source[] {
  const found = new Map<string, Source>();
  for (const item of [...(req.signals ?? []), ...req.evidence]) {
    const source = item.because ? sources[item.because] : undefined;
    if (source && !found.has(source.name)) {
      found.set(source.name, source);
    }
  }
  return [...found.values()].slice(0, 3);
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

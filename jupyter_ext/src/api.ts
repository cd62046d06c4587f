// The server extension's routes under /raiassist/, with Jupyter's token and XSRF handling.
import { URLExt } from '@jupyterlab/coreutils';
import { ServerConnection } from '@jupyterlab/services';

export type Status = 'open' | 'met' | 'waived' | 'not-applicable';

export interface ILocation {
  path: string;
  cell: number | null;
  line: number | null;
  column: number | null;
}

export interface IItem {
  id: string;
  goal: string | null;
  title: string | null;
  status: Status;
  severity: string;
  scope: string;
  message: string;
  locations: ILocation[];
  signals?: { name: string; detail: string; because: string | null }[];
  evidence: { kind: string; detail: string; cell: number | null; because?: string | null }[];
  incomplete: string[];
  not_run?: boolean;
  waiver: { reason: string; until: string | null } | null;
  answer: { [key: string]: string } | null;
}

/** One section of the core's `next_actions`: the order to act in, for every surface. */
export interface ISection {
  kind: 'code' | 'file' | 'process' | 'info' | 'done';
  title: string;
  collapsed: boolean;
  goal: string | null;
  ids: string[];
}

/** A catalogue entry that a signal or evidence cites (`because`): which documented API says
 * what the code means. */
export interface ISource {
  name: string;
  docs: string;
  catalogue: string;
}

export interface IIncident {
  requirement: string;
  id: string;
  text: string;
  url: string;
}

export interface IChecklist {
  path: string;
  relative: string;
  error: string | null;
  notes: string[];
  requirements: IItem[];
  problems: IItem[];
  sources?: { [id: string]: ISource };
  /** One real-world incident per requirement that has one, with its source. */
  incidents?: IIncident[];
  goals: { id: string; title: string; principle: string }[];
  next_actions: ISection[];
  to_act: number;
  answerer: { name: string; source: 'git' | 'setting' | 'system' };
  moved: { old: string; ids: string[] }[];
  record: IRecordStamp;
}

export interface IRecordStamp {
  record: string;
  stamp: string | null;
}

export interface IExplanation {
  id: string;
  title: string;
  facts: string;
  sections: { title: string; body: string }[];
}

export interface ITemplate {
  name: string;
  kind: 'markdown' | 'code';
  title: string;
  text: string;
}

export interface ITemplates {
  id: string;
  index: number;
  insert_after?: number | null; // the cell that defines what the template uses
  templates: ITemplate[];
}

export type Answer = 'attested' | 'not-applicable' | 'waived';

async function call<T>(endpoint: string, init: RequestInit = {}): Promise<T> {
  const settings = ServerConnection.makeSettings();
  const url = URLExt.join(settings.baseUrl, 'raiassist', endpoint);
  const response = await ServerConnection.makeRequest(url, init, settings);
  const text = await response.text();
  let data: any = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = { message: text };
  }
  if (!response.ok) {
    throw new Error(data?.message || response.statusText);
  }
  return data as T;
}

function post<T>(endpoint: string, body: object): Promise<T> {
  return call<T>(endpoint, { method: 'POST', body: JSON.stringify(body) });
}

export const api = {
  checklist: (path: string, content: unknown, answerer: string) =>
    post<IChecklist>('checklist', { path, content, answerer }),
  record: (path: string) =>
    call<IRecordStamp>(`record?path=${encodeURIComponent(path)}`),
  explain: (path: string, id: string) =>
    call<IExplanation>(
      `requirements/${encodeURIComponent(id)}?path=${encodeURIComponent(path)}`
    ),
  templates: (path: string, content: unknown, id: string) =>
    post<ITemplates>('templates', { path, content, id }),
  answer: (path: string, id: string, answer: Answer, text: string, scope: string, answerer: string) =>
    post<{ entry: { [key: string]: string }; record: string }>('answer', {
      path,
      id,
      answer,
      text,
      scope,
      answerer
    }),
  withdraw: (path: string, id: string, scope: string) =>
    post<{ id: string; removed: number }>('withdraw', { path, id, scope }),
  move: (path: string, old: string) =>
    post<{ old: string; new: string; moved: number }>('move', { path, old })
};

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
  waiver: { reason: string; until: string | null } | null;
  answer: { [key: string]: string } | null;
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
  checklist: (path: string, content: unknown) =>
    post<IChecklist>('checklist', { path, content }),
  explain: (path: string, id: string) =>
    call<IExplanation>(
      `requirements/${encodeURIComponent(id)}?path=${encodeURIComponent(path)}`
    ),
  templates: (path: string, content: unknown, id: string) =>
    post<ITemplates>('templates', { path, content, id }),
  answer: (path: string, id: string, answer: Answer, text: string, scope: string) =>
    post<{ entry: { [key: string]: string }; record: string }>('answer', {
      path,
      id,
      answer,
      text,
      scope
    })
};

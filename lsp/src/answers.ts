/**
 * Answers written to the project's record through the server command `raiassist.answer`:
 * which requests still need a note or reason, and how the input box asks for it. Pure.
 */

export const ANSWER_COMMAND = 'raiassist.answer';

export type AnswerKind = 'attested' | 'waived' | 'not-applicable';

export interface AnswerRequest {
  id: string;
  answer: AnswerKind;
  /** The note (attested) or reason (waived, not applicable); the server records nothing without it. */
  text?: string;
  /** The file the answer is for, relative to the project; absent: the whole project. */
  path?: string | null;
  /** A document of the project, so the server finds the right record. */
  uri?: string;
}

/** The request of a `raiassist.answer` call that carries no text yet, else undefined. */
export function missingText(command: string, args: readonly unknown[]): AnswerRequest | undefined {
  if (command !== ANSWER_COMMAND || !isRequest(args[0])) {
    return undefined;
  }
  const text = args[0].text;
  return typeof text === 'string' && text.trim() ? undefined : args[0];
}

/** The input box's prompt and placeholder for one answer. */
export function promptFor(request: Pick<AnswerRequest, 'id' | 'answer'>): { prompt: string; placeHolder: string } {
  switch (request.answer) {
    case 'waived':
      return {
        prompt: `Why is ${request.id} waived? The reason goes into the project's record.`,
        placeHolder: 'e.g. the per-group evaluation runs in the nightly fairness job',
      };
    case 'not-applicable':
      return {
        prompt: `Why does ${request.id} not apply here? The reason goes into the project's record.`,
        placeHolder: 'e.g. the model never sees data about people',
      };
    default:
      return {
        prompt: `How is ${request.id} met? The note goes into the project's record.`,
        placeHolder: 'e.g. reviewed with the Responsible AI board, ticket RAI-311',
      };
  }
}

/** The same request with the text the user typed. */
export function withText(request: AnswerRequest, text: string): AnswerRequest {
  return { ...request, text: text.trim() };
}

/** A request from a checklist item: the file's relative path scopes it unless project-wide. */
export function requestFor(
  id: string,
  answer: AnswerKind,
  scope: string,
  relative: string,
  uri: string,
): AnswerRequest {
  return { id, answer, path: scope === 'project' ? null : relative, uri };
}

function isRequest(value: unknown): value is AnswerRequest {
  return typeof value === 'object' && value !== null && typeof (value as AnswerRequest).id === 'string';
}

/** The one-line summary of a workspace check (`raiassist-check/1` JSON). Pure. */

export interface WorkspaceReport {
  files?: { relative: string; requirements?: { id: string; status: string; severity: string; message: string }[] }[];
  summary?: { files?: number; open?: Record<string, number>; met?: number; waived?: number };
}

export function workspaceSummary(report: WorkspaceReport): { headline: string; lines: string[] } {
  const open = report.summary?.open ?? {};
  const parts = (['error', 'warning', 'info'] as const)
    .filter((severity) => (open[severity] ?? 0) > 0)
    .map((severity) => `${open[severity]} ${severity}${severity === 'info' || open[severity] === 1 ? '' : 's'}`);
  const files = report.summary?.files ?? report.files?.length ?? 0;
  const headline = `raiassist checked ${files} file${files === 1 ? '' : 's'}: ${parts.length ? `${parts.join(', ')} open` : 'nothing open'}.`;
  const lines = (report.files ?? []).flatMap((file) =>
    (file.requirements ?? [])
      .filter((req) => req.status === 'open' && req.severity !== 'info')
      .map((req) => `${file.relative}: ${req.id} ${req.severity} ${req.message}`),
  );
  return { headline, lines };
}

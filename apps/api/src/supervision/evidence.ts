import type { Evidence, ValidationProblem } from '@zhibiao/contracts';

/** Evidence as stored (jsonb): the EvidenceIn items as given. */
export type StoredEvidence =
  { kind: 'link'; title: string; url: string } | { kind: 'file'; id: string };

/**
 * Links that the schema's pattern lets through but that are no web address (`http://` alone, a
 * space-free string with no host): one problem per bad link, at `evidence.<i>.url` under `path`.
 */
export function evidenceProblems(
  evidence: readonly StoredEvidence[],
  path = 'evidence',
): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  evidence.forEach((item, index) => {
    if (item.kind !== 'link') return;
    let ok: boolean;
    try {
      const url = new URL(item.url);
      ok = (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
    } catch {
      ok = false;
    }
    if (!ok) problems.push({ path: `${path}.${index}.url`, key: 'evidence_link' });
  });
  return problems;
}

/**
 * Stored evidence as the API shows it, read with its record: file items carry their id and download
 * URL here; EvidenceService.completeFiles fills their name, size and type before they are answered.
 */
export function presentEvidence(stored: readonly StoredEvidence[]): Evidence[] {
  return stored.map((item) =>
    item.kind === 'link'
      ? { kind: 'link', title: item.title, url: item.url }
      : {
          kind: 'file',
          id: item.id,
          name: '',
          size: 0,
          contentType: '',
          url: `/api/v1/evidence/${item.id}`,
        },
  );
}

/** Who acts: a signed-in user or key, or the demo loader acting as a demo user. */
export interface Actor {
  name: string;
  roles: readonly string[];
  department: string | null;
}

export const isStaff = (actor: Actor): boolean =>
  actor.roles.includes('admin') || actor.roles.includes('analyst');

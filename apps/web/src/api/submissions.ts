import { apiRoutes, type MeasurementItem, type SubmissionReport } from '@zhibiao/contracts';
import { call, urlOf } from './client.js';

/** How to send figures: check only (`dryRun`), keep the valid rows (`partial`), and the retry key. */
export interface SubmitOptions {
  dryRun: boolean;
  partial?: boolean;
  /** The same key for the same figures: a second click replays the first answer, stores nothing. */
  idempotencyKey?: string;
}

const flags = (options: SubmitOptions) => ({
  dryRun: options.dryRun ? ('true' as const) : ('false' as const),
  ...(options.partial ? { partial: 'true' as const } : {}),
});
const keyHeader = (options: SubmitOptions): Record<string, string> =>
  options.idempotencyKey ? { 'Idempotency-Key': options.idempotencyKey } : {};

// A rejected submission answers 422 with its report (the routes' `alsoAnswers`, which `call` takes
// as answers); other failures stay ApiErrors: 400, 403, 409 idempotency_conflict, 413.

/** Sends the entry form's figures as JSON; answers the report whether applied, checked or rejected. */
export function submitMeasurements(
  items: MeasurementItem[],
  options: SubmitOptions,
): Promise<SubmissionReport> {
  return call(
    apiRoutes.submitMeasurements,
    { query: flags(options), body: { items } },
    {
      // Tells the API the figures were typed into the web form, not sent by a department's system.
      headers: { ...keyHeader(options), 'X-Zhibiao-Source': 'web-form' },
    },
  );
}

/** Uploads a CSV or XLSX file (multipart field `file`); answers the report as above. */
export function uploadSubmission(file: File, options: SubmitOptions): Promise<SubmissionReport> {
  const route = apiRoutes.uploadSubmission;
  const form = new FormData();
  form.append(route.upload.field, file, file.name);
  return call(route, { query: flags(options) }, { headers: keyHeader(options), form });
}

/** The XLSX template of a department's rows for a month (a plain link: the cookie signs it in). */
export function templateUrl(department: string, period: string): string {
  return urlOf(apiRoutes.getTemplate, { query: { department, period } });
}

/** The file of a submission as it was uploaded (or the JSON body the form sent). */
export function submissionFileUrl(id: string): string {
  return urlOf(apiRoutes.getSubmissionFile, { params: { id }, query: {} });
}

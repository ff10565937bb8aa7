import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '@zhibiao/contracts';
import { statusOf } from './global-exception.filter.js';

describe(statusOf.name, () => {
  it('gives every error code an HTTP error status', () => {
    for (const code of ERROR_CODES) {
      const status = statusOf(code);
      expect(status, code).toBeGreaterThanOrEqual(400);
      expect(status, code).toBeLessThan(600);
    }
  });

  it('maps the codes clients rely on', () => {
    expect(statusOf('validation_failed')).toBe(400);
    expect(statusOf('plan_not_found')).toBe(404);
    expect(statusOf('payload_too_large')).toBe(413);
    expect(statusOf('unsupported_media_type')).toBe(415);
    expect(statusOf('malformed_upload')).toBe(400);
    expect(statusOf('submission_rejected')).toBe(422);
    expect(statusOf('database_unavailable')).toBe(503);
    expect(statusOf('concurrent_conflict')).toBe(409);
    expect(statusOf('database_busy')).toBe(503);
  });
});

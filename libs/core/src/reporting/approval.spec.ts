import { describe, expect, it } from 'vitest';
import { approvalState } from './approval.js';

const at = (minute: number) => new Date(Date.UTC(2020, 7, 3, 8, minute));

describe('approvalState', () => {
  it('is not_submitted without a revision, whatever the events', () => {
    expect(approvalState({ lastEvent: null, lastRevisionAt: null })).toBe('not_submitted');
    expect(
      approvalState({ lastEvent: { action: 'returned', at: at(1) }, lastRevisionAt: null }),
    ).toBe('not_submitted');
  });

  it('is pending once submitted and until decided', () => {
    expect(approvalState({ lastEvent: null, lastRevisionAt: at(1) })).toBe('pending');
  });

  it('follows the last decision while nothing changed since', () => {
    expect(
      approvalState({ lastEvent: { action: 'approved', at: at(5) }, lastRevisionAt: at(1) }),
    ).toBe('approved');
    expect(
      approvalState({ lastEvent: { action: 'returned', at: at(5) }, lastRevisionAt: at(5) }),
    ).toBe('returned');
  });

  it('is pending again after a resubmission or a correction, and after a reopening', () => {
    expect(
      approvalState({ lastEvent: { action: 'returned', at: at(5) }, lastRevisionAt: at(6) }),
    ).toBe('pending');
    expect(
      approvalState({ lastEvent: { action: 'approved', at: at(5) }, lastRevisionAt: at(9) }),
    ).toBe('pending');
    expect(
      approvalState({ lastEvent: { action: 'reopened', at: at(9) }, lastRevisionAt: at(9) }),
    ).toBe('pending');
  });
});

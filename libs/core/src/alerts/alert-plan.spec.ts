import { describe, expect, it } from 'vitest';
import { planAlertStep, type AlertStepInput, type OpenAlertState } from './alert-plan.js';
import type { AlertRuleParams } from './alerts.js';

const PARAMS: AlertRuleParams = {
  threshold: 0.9,
  pendingEvaluations: 1,
  keepFiringForDays: 0,
  severity: 'warning',
  raiseWithinDays: 30,
  escalateAfterDays: 14,
};
const HOLDING = { holds: true, values: { paceRatio: 0.7 }, message: { zh: '落后', en: 'behind' } };
const CLEAR = { holds: false, values: { paceRatio: 1 }, message: { zh: '', en: '' } };
const AT = new Date('2020-10-08T01:00:00Z');

function step(overrides: Partial<AlertStepInput> = {}): AlertStepInput {
  return {
    track: null,
    open: null,
    enabled: true,
    condition: HOLDING,
    params: PARAMS,
    deadline: '2020-12-31',
    asOf: '2020-10-08',
    at: AT,
    silence: null,
    ...overrides,
  };
}

const FIRING: OpenAlertState = {
  status: 'firing',
  severity: 'warning',
  firedOn: '2020-10-01',
  catchUpDate: null,
  escalationReason: null,
  silenced: false,
};

const TRACK = {
  streak: 1,
  lastHeldAt: new Date('2020-10-01T01:00:00Z'),
  lastHeldAsOf: '2020-10-01',
  clearedAt: null,
  lastAsOf: '2020-10-01',
};

describe(planAlertStep.name, () => {
  it('fires a new alert at once with K = 1, routed, and keeps the track', () => {
    const planned = planAlertStep(step());
    expect(planned.effects).toEqual([
      { kind: 'fire', severity: 'warning', condition: HOLDING, silence: null, route: true },
    ]);
    expect(planned.track).toEqual({
      streak: 1,
      lastHeldAt: AT,
      lastHeldAsOf: '2020-10-08',
      clearedAt: null,
      lastAsOf: '2020-10-08',
    });
    expect(planned.open).toBe(true);
  });

  it('fires silenced, unrouted, under a silence', () => {
    const silence = { id: '3', reason: 'data migration' };
    const [fire] = planAlertStep(step({ silence })).effects;
    expect(fire).toMatchObject({ kind: 'fire', silence, route: false });
  });

  it('waits K evaluations, and evaluating the same day again does not count as one more', () => {
    const params = { ...PARAMS, pendingEvaluations: 2 };
    const first = planAlertStep(step({ params }));
    expect(first.effects).toEqual([]);
    expect(first.open).toBe(false);
    const again = planAlertStep(step({ params, track: first.track }));
    expect(again.effects).toEqual([]);
    expect(again.track.streak).toBe(1);
    const nextDay = planAlertStep(
      step({ params, track: first.track, asOf: '2020-10-22', at: new Date('2020-10-22') }),
    );
    expect(nextDay.effects.map((e) => e.kind)).toEqual(['fire']);
  });

  it('refreshes an open alert and records a change of severity near the deadline', () => {
    const planned = planAlertStep(
      step({ track: TRACK, open: FIRING, asOf: '2020-12-05', at: new Date('2020-12-05') }),
    );
    expect(planned.severity).toBe('critical');
    expect(planned.effects).toEqual([
      { kind: 'refresh', severity: 'critical', condition: HOLDING },
      {
        kind: 'severity_changed',
        status: 'firing',
        from: 'warning',
        to: 'critical',
        values: HOLDING.values,
        route: true,
      },
      // Fired on 2020-10-01 and still unacknowledged 14 days later.
      {
        kind: 'escalate',
        status: 'firing',
        severity: 'critical',
        reason: 'unacknowledged',
        route: true,
      },
    ]);
  });

  it('escalates once per reason, and routes nothing of what fired silenced', () => {
    // Fired on 2020-10-01: unacknowledged 14 days later, on 2020-10-15.
    const later = { asOf: '2020-10-20', at: new Date('2020-10-20T01:00:00Z') };
    const escalated = { ...FIRING, escalationReason: 'unacknowledged' };
    expect(planAlertStep(step({ ...later, track: TRACK, open: escalated })).effects).toEqual([
      { kind: 'refresh', severity: 'warning', condition: HOLDING },
    ]);
    const silenced = planAlertStep(
      step({ ...later, track: TRACK, open: { ...FIRING, silenced: true } }),
    );
    expect(silenced.effects.at(-1)).toMatchObject({ kind: 'escalate', route: false });
  });

  it('escalates an acknowledged alert whose catch-up date has passed', () => {
    const acknowledged: OpenAlertState = {
      ...FIRING,
      status: 'acknowledged',
      catchUpDate: '2020-10-05',
    };
    const planned = planAlertStep(step({ track: TRACK, open: acknowledged }));
    expect(planned.effects.at(-1)).toEqual({
      kind: 'escalate',
      status: 'acknowledged',
      severity: 'warning',
      reason: 'catch_up_passed',
      route: true,
    });
  });

  it('resolves when the condition clears, keeping the values; a disabled rule says so', () => {
    const cleared = planAlertStep(step({ track: TRACK, open: FIRING, condition: CLEAR }));
    expect(cleared.effects).toEqual([
      { kind: 'resolve', severity: 'warning', values: CLEAR.values, note: null, route: true },
    ]);
    expect(cleared.open).toBe(false);
    const disabled = planAlertStep(step({ track: TRACK, open: FIRING, enabled: false }));
    expect(disabled.effects).toEqual([
      { kind: 'resolve', severity: 'warning', values: {}, note: 'rule disabled', route: true },
    ]);
  });

  it('keeps firing for a while after the condition clears, and does nothing without an alert', () => {
    const params = { ...PARAMS, keepFiringForDays: 7 };
    const kept = planAlertStep(step({ track: TRACK, open: FIRING, condition: CLEAR, params }));
    expect(kept.effects).toEqual([]);
    expect(kept.open).toBe(true);
    expect(kept.track.clearedAt).toEqual(AT);
    const quiet = planAlertStep(step({ track: TRACK, condition: CLEAR }));
    expect(quiet).toMatchObject({ effects: [], open: false });
    expect(quiet.track).toMatchObject({ streak: 0, lastHeldAsOf: '2020-10-01' });
  });
});

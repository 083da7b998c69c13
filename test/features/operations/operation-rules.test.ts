// The pure rules of bulk operations: the pace a setting gives, and the status and counts that follow from the items'
// recorded results.
import {
  countsOf,
  itemEffectKey,
  MAX_ITEMS_PER_STEP,
  paceFor,
  statusOf,
  toOperationView,
  type Operation,
  type OperationItemResult,
} from '../../../shared/features/operations/operation.js';

describe('pace', () => {
  it.each([
    [20, { itemsPerStep: 20, stepSeconds: 60 }],
    [30, { itemsPerStep: 30, stepSeconds: 60 }],
    [90, { itemsPerStep: 90, stepSeconds: 60 }],
    [1200, { itemsPerStep: 86, stepSeconds: 5 }],
    [1, { itemsPerStep: 1, stepSeconds: 60 }],
  ])('%i a minute: %o', (perMinute, pace) => {
    expect(paceFor(perMinute)).toEqual(pace);
  });

  it('never releases more a minute than the setting, up to 90 a second, nor more in a step than a batch holds', () => {
    for (const perMinute of [1, 7, 20, 29, 30, 31, 89, 91, 180, 250, 600, 1000, 3000, 5400, 60_000]) {
      const { itemsPerStep, stepSeconds } = paceFor(perMinute);
      expect(itemsPerStep).toBeLessThanOrEqual(MAX_ITEMS_PER_STEP);
      expect(stepSeconds).toBeGreaterThanOrEqual(1);
      const perMinuteReleased = itemsPerStep * Math.floor(60 / stepSeconds);
      // The steps of a minute stay within the setting (the shared counter refuses any excess anyway).
      expect(perMinuteReleased).toBeLessThanOrEqual(Math.max(perMinute, itemsPerStep) + itemsPerStep);
      if (perMinute <= 5400) expect(perMinuteReleased).toBeGreaterThanOrEqual(Math.min(perMinute, 5400) * 0.8);
    }
  });
});

describe('status and counts', () => {
  const result = (
    index: number,
    status: 'succeeded' | 'failed',
    extra: Partial<OperationItemResult> = {},
  ): OperationItemResult => ({
    operationId: 'op_1',
    index,
    status,
    at: `2025-03-03T09:0${index}:00.000Z`,
    ...extra,
  });

  it('running while an item has no result; then succeeded, failed or partiallySucceeded', () => {
    const op = { total: 3 };
    expect(statusOf(countsOf(op, []))).toBe('running');
    expect(statusOf(countsOf(op, [result(0, 'succeeded'), result(1, 'failed')]))).toBe('running');
    expect(statusOf(countsOf(op, [result(0, 'succeeded'), result(1, 'succeeded'), result(2, 'succeeded')]))).toBe('succeeded');
    expect(statusOf(countsOf(op, [result(0, 'failed'), result(1, 'failed'), result(2, 'failed')]))).toBe('failed');
    expect(statusOf(countsOf(op, [result(0, 'succeeded'), result(1, 'failed'), result(2, 'succeeded')]))).toBe(
      'partiallySucceeded',
    );
    expect(countsOf(op, [result(0, 'succeeded'), result(1, 'failed')])).toEqual({
      total: 3,
      succeeded: 1,
      failed: 1,
      pending: 1,
    });
  });

  it('the view lists every item by index, pending until it has a result, with the effect or the code', () => {
    const operation: Operation = {
      id: 'op_1',
      partnerId: 'ptn_1',
      partnerTenantId: 't',
      kind: 'bulkInvitation',
      total: 3,
      createdAt: '2025-03-03T09:00:00.000Z',
      actor: { kind: 'partner' },
      correlationId: 'c',
      invitations: {
        items: [{ customerEmail: 'a@x.test' }, { customerEmail: 'b@x.test' }, { customerEmail: 'c@x.test' }],
        settings: { partnerType: 'isv' },
        requestLocale: 'en',
      },
      released: 3,
      step: 2,
      pumpDueAt: '2025-03-03T09:01:00.000Z',
    };
    const view = toOperationView(operation, [
      result(2, 'failed', { code: 'throttled' }),
      result(0, 'succeeded', { invitationId: 'inv_1' }),
    ]);
    expect(view.status).toBe('running');
    expect(view.completedAt).toBeUndefined();
    expect(view.items).toEqual([
      { index: 0, status: 'succeeded', invitationId: 'inv_1', customerEmail: 'a@x.test' },
      { index: 1, status: 'pending', customerEmail: 'b@x.test' },
      { index: 2, status: 'failed', customerEmail: 'c@x.test', code: 'throttled' },
    ]);
  });

  it("an item's effect key is the same for every delivery and differs between items and operations", () => {
    expect(itemEffectKey('op_1', 0)).toBe(itemEffectKey('op_1', 0));
    expect(new Set([itemEffectKey('op_1', 0), itemEffectKey('op_1', 1), itemEffectKey('op_2', 0)]).size).toBe(3);
    expect(itemEffectKey('op_1', 0)).toMatch(/^[0-9a-f]{32}$/);
  });
});

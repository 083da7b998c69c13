// Lead status moves.
import { assertLeadTransition } from '../../../shared/features/leads/lead.js';
import { ConflictError } from '../../../shared/platform/core/errors.js';

describe('lead status rules', () => {
  it.each([
    ['new', 'accepted'],
    ['new', 'declined'],
    ['accepted', 'closed'],
    ['new', 'expired'],
  ] as const)('allows %s → %s', (from, to) => {
    expect(() => assertLeadTransition(from, to)).not.toThrow();
  });

  it.each([
    ['new', 'closed'],
    ['accepted', 'declined'],
    ['declined', 'accepted'],
    ['closed', 'accepted'],
    ['expired', 'accepted'],
  ] as const)('refuses %s → %s with 409', (from, to) => {
    expect(() => assertLeadTransition(from, to)).toThrow(ConflictError);
  });
});

// Derived ids: partner ids per tenant, ACS operation ids per email job.
import { partnerIdForTenant } from '../../../shared/features/directory/partner-profile.js';
import { operationIdForJob } from '../../../shared/platform/email/email-sender.js';

describe('ids', () => {
  it('derives a stable partner id per tenant, case-insensitively', () => {
    expect(partnerIdForTenant('ABC')).toBe(partnerIdForTenant('abc'));
    expect(partnerIdForTenant('abc')).not.toBe(partnerIdForTenant('abd'));
    expect(partnerIdForTenant('abc')).toMatch(/^ptn_[0-9a-f]{32}$/);
  });

  it('derives one UUID operation id per email job', () => {
    const id = operationIdForJob('invite_1_1');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(operationIdForJob('invite_1_1')).toBe(id);
    expect(operationIdForJob('invite_1_2')).not.toBe(id);
  });
});

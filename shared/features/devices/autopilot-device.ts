// Windows Autopilot devices an OEM partner registers for a customer, and the hardware hash rules.
//
// A hardware hash identifies one physical device, and Autopilot is one global registry that binds each device to one
// tenant. So the hash is unique across all customers and partners: the device's id is derived from the normalized
// hash and stored in a container partitioned by that id, where a second registration is a create conflict (409
// `device-exists`), whoever tries it and for whichever customer — without revealing which tenant has it.
//
// Normalization: whitespace (line breaks from copying out of a CSV, spaces) is removed, missing `=` padding is added,
// and the bytes are re-encoded canonically. Case is NOT folded: base64 is case-sensitive, so a hash that differs only
// in case is a different byte string, i.e. a different hash.
import { z } from 'zod';
import { derivedId } from '../../platform/core/ids.js';
import { safeText } from '../../platform/http/common-schemas.js';

/** Bounds of a hash, in base64 characters once whitespace is removed (real 4K hashes are about 4,000). */
export const MIN_HARDWARE_HASH_BYTES = 16;
export const MAX_HARDWARE_HASH_CHARS = 8192;
/** What we even look at, with whitespace, before normalizing. */
const MAX_RAW_HARDWARE_HASH_CHARS = 2 * MAX_HARDWARE_HASH_CHARS;

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** The canonical base64 of a hardware hash, or undefined when it is not base64 within the bounds. */
export function normalizeHardwareHash(raw: string): string | undefined {
  if (raw.length > MAX_RAW_HARDWARE_HASH_CHARS) return undefined;
  let compact = raw.replace(/\s+/g, '');
  if (!BASE64.test(compact)) return undefined;
  const unpadded = compact.replace(/=+$/, '');
  if (unpadded.length % 4 === 1) return undefined;
  compact = unpadded.padEnd(Math.ceil(unpadded.length / 4) * 4, '=');
  if (compact.length > MAX_HARDWARE_HASH_CHARS) return undefined;
  const bytes = Buffer.from(compact, 'base64');
  if (bytes.length < MIN_HARDWARE_HASH_BYTES) return undefined;
  return bytes.toString('base64');
}

/** One id per device in the whole registry, whatever the customer or partner. */
export const deviceIdFor = (normalizedHash: string): string => derivedId('apd', normalizedHash);

export const deviceInputSchema = z
  .object({
    hardwareHash: z
      .string()
      .max(MAX_RAW_HARDWARE_HASH_CHARS)
      .transform((value, ctx) => {
        const normalized = normalizeHardwareHash(value);
        if (normalized === undefined) {
          ctx.addIssue({
            code: 'custom',
            message: `base64 of at least ${MIN_HARDWARE_HASH_BYTES} bytes and at most ${MAX_HARDWARE_HASH_CHARS} characters`,
          });
          return z.NEVER;
        }
        return normalized;
      })
      .describe('The device hardware hash (4K HH), base64; whitespace is ignored'),
    serialNumber: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .regex(/^[\x20-\x7e]+$/, 'printable ASCII'),
    // Shown to the customer's admins in the device list: free text, so no bidi overrides or zero-width look-alikes.
    manufacturer: safeText(100),
    model: safeText(100),
  })
  .strict()
  .meta({ id: 'AutopilotDeviceInput' });

export type DeviceInput = z.output<typeof deviceInputSchema>;

export interface AutopilotDevice {
  id: string;
  /** Normalized (canonical base64). */
  hardwareHash: string;
  customerTenantId: string;
  partnerId: string;
  partnerTenantId: string;
  serialNumber: string;
  manufacturer: string;
  model: string;
  registeredAt: string;
  registeredBy: { userId: string; name?: string };
}

export const autopilotDeviceSchema = z
  .object({
    id: z.string(),
    customerTenantId: z.string(),
    serialNumber: z.string(),
    manufacturer: z.string(),
    model: z.string(),
    registeredAt: z.iso.datetime(),
    /** The OEM partner that registered it. */
    partner: z.object({ id: z.string(), name: z.string() }),
  })
  .meta({ id: 'AutopilotDevice' });

export type AutopilotDeviceView = z.output<typeof autopilotDeviceSchema>;

/** The hash itself is left out: it is kilobytes long and only the registry needs it. */
export const toDeviceView = (device: AutopilotDevice, partner: { id: string; name: string }): AutopilotDeviceView => ({
  id: device.id,
  customerTenantId: device.customerTenantId,
  serialNumber: device.serialNumber,
  manufacturer: device.manufacturer,
  model: device.model,
  registeredAt: device.registeredAt,
  partner,
});

// Hardware hash normalization and device ids.
import { deviceIdFor, deviceInputSchema, normalizeHardwareHash } from '../../../shared/features/devices/autopilot-device.js';

describe('hardware hashes', () => {
  const hash = Buffer.from('a hardware hash of a Windows device, 4K HH').toString('base64');

  it('ignores whitespace and missing padding; the id follows the normalized hash', () => {
    const wrapped = `  ${hash.slice(0, 10)}\n${hash.slice(10, 30)}\r\n ${hash.slice(30)}  `;
    expect(normalizeHardwareHash(wrapped)).toBe(hash);
    const unpadded = Buffer.from('seventeen bytes!!').toString('base64').replace(/=+$/, '');
    expect(normalizeHardwareHash(unpadded)).toBe(Buffer.from('seventeen bytes!!').toString('base64'));
    expect(deviceIdFor(normalizeHardwareHash(wrapped)!)).toBe(deviceIdFor(hash));
  });

  it('keeps case: base64 is case-sensitive, so another case is another hash', () => {
    const swapped = hash.replace(/[a-z]/, (c) => c.toUpperCase());
    expect(normalizeHardwareHash(swapped)).toBe(swapped);
    expect(deviceIdFor(swapped)).not.toBe(deviceIdFor(hash));
  });

  it('refuses what is not base64 or out of bounds', () => {
    // empty, not the alphabet, under 16 bytes, over 8,192 characters, a length no base64 has, too much padding
    for (const bad of ['', 'not base64!', 'QUJD', 'A'.repeat(8196), 'QUJDR', `${hash}===`, ' '.repeat(16_385)]) {
      expect(normalizeHardwareHash(bad)).toBeUndefined();
    }
    expect(normalizeHardwareHash('A'.repeat(8192))).toBeDefined();
  });

  it('validates the device input', () => {
    const ok = { hardwareHash: hash, serialNumber: 'SN-123 45', manufacturer: 'Contoso', model: 'Surface Laptop 7' };
    expect(deviceInputSchema.parse(ok).hardwareHash).toBe(hash);
    for (const bad of [
      { ...ok, hardwareHash: 'QUJD' },
      { ...ok, serialNumber: '' },
      { ...ok, serialNumber: 'x'.repeat(65) },
      { ...ok, serialNumber: 'é' },
      { ...ok, model: 'a\u0000b' },
      { ...ok, manufacturer: 'Contoso\u202e' },
      { ...ok, model: 'Surface\u200bLaptop' },
      { ...ok, manufacturer: 'm'.repeat(101) },
      { ...ok, extra: true },
    ]) {
      expect(deviceInputSchema.safeParse(bad).success).toBe(false);
    }
  });
});

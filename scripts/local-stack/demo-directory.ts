// A deterministic demo partner directory: dozens of partners across countries, industries, products, sizes and types.
import { partnerTypeValues, type PartnerType } from '../../shared/features/catalog/partner-types.js';
import {
  industries,
  organizationSizes,
  products,
  type PartnerProfileInput,
} from '../../shared/features/directory/partner-profile.js';

const places: [string, string, string][] = [
  ['FR', 'Île-de-France', 'Paris'],
  ['FR', 'Auvergne-Rhône-Alpes', 'Lyon'],
  ['IT', 'Lombardia', 'Milano'],
  ['IT', 'Lazio', 'Roma'],
  ['DE', 'Bayern', 'München'],
  ['DE', 'Berlin', 'Berlin'],
  ['ES', 'Cataluña', 'Barcelona'],
  ['GB', 'England', 'London'],
  ['US', 'Washington', 'Seattle'],
  ['US', 'New York', 'New York'],
  ['CA', 'Ontario', 'Toronto'],
  ['BR', 'São Paulo', 'São Paulo'],
  ['IN', 'Karnataka', 'Bengaluru'],
  ['JP', 'Tokyo', 'Tokyo'],
  ['AU', 'New South Wales', 'Sydney'],
  ['NL', 'Noord-Holland', 'Amsterdam'],
];

const prefixes = [
  'Contoso',
  'Fabrikam',
  'Northwind',
  'Tailspin',
  'Litware',
  'Adatum',
  'Woodgrove',
  'Proseware',
  'Wingtip',
  'Alpine',
  'Coho',
  'Lucerne',
];
const suffixes = ['Cloud Partners', 'IT Services', 'Consulting'];

export interface DemoPartner {
  tenantId: string;
  profile: PartnerProfileInput;
}

/** 36 partners; partner i is a pure function of i, so runs and tests see the same directory. */
export function demoPartners(): DemoPartner[] {
  const out: DemoPartner[] = [];
  for (let i = 0; i < 36; i++) {
    const name = `${prefixes[i % prefixes.length]} ${suffixes[Math.floor(i / prefixes.length) % suffixes.length]}`;
    const slug = name.toLowerCase().replaceAll(' ', '-');
    const home = places[i % places.length]!;
    const second = places[(i * 5 + 3) % places.length]!;
    const pick = <T>(list: readonly T[], count: number, offset: number): T[] => [
      ...new Set(Array.from({ length: count }, (_, k) => list[(offset + k * 3) % list.length]!)),
    ];
    const types: PartnerType[] = pick(partnerTypeValues, 2 + (i % 4), i);
    const industryList = pick(industries, 1 + (i % 3), i * 2);
    const productList = pick(products, 1 + (i % 3), i);
    out.push({
      tenantId: `00000000-0000-4000-8000-${String(100000000000 + i).slice(-12)}`,
      profile: {
        name,
        description: `${name} helps ${industryList.join(', ')} organizations adopt ${productList.join(', ')}: licensing, migration, security and day-to-day administration.`,
        website: `https://${slug}.example.com`,
        contactEmail: `leads@${slug}.example.com`,
        locations: (home[0] === second[0] && home[2] === second[2] ? [home] : [home, second]).map(([country, region, city]) => ({
          country,
          region,
          city,
        })),
        industries: industryList,
        products: productList,
        organizationSizes: pick(organizationSizes, 2 + (i % 3), i),
        partnerTypes: types,
      },
    });
  }
  return out;
}

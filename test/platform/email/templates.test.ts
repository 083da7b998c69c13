// Email rendering: user text escaped in HTML, readable in plain text.
import { escapeHtml, renderEmail } from '../../../shared/platform/email/templates.js';

describe('email rendering', () => {
  it('escapes user text in HTML and keeps it readable in plain text', () => {
    expect(escapeHtml('<b>"x" & \'y\'</b>')).toBe('&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;');
    const email = renderEmail({
      locale: 'en',
      to: 'p@x.test',
      subject: 'S',
      heading: 'H',
      intro: '<script>alert(1)</script>',
      facts: [{ label: 'Needs', value: 'a < b' }],
      action: { label: 'Open', url: 'https://portal/x?code=1&y=2' },
    });
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('a &lt; b');
    expect(email.html).toContain('code=1&amp;y=2');
    expect(email.text).toContain('Needs: a < b');
    expect(email.text).toContain('Open: https://portal/x?code=1&y=2');
  });
});

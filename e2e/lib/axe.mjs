// Accessibility checks with axe-core (pinned in e2e/package.json): inject it
// into a Playwright page and report what a standard rule set finds.
import { createRequire } from 'node:module';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

// The WCAG 2 A and AA rules plus axe's best practices.
const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

// seriousViolations runs axe over the page as it is now and returns its
// critical and serious violations, each as a readable block: the rule, what
// to fix, and the elements it failed on (with axe's own reason, which names
// e.g. the contrast ratio found).
export async function seriousViolations(page) {
  // A hash navigation keeps the document, and axe with it.
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async (runOnly) => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: runOnly }, resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'critical' || v.impact === 'serious')
      .map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary ?? '' })),
      }));
  }, tags);
  return violations.map((v) => {
    const nodes = v.nodes.slice(0, 8).map((n) => `    ${n.target}\n      ${n.summary.replace(/\s*\n\s*/g, ' ')}`);
    const more = v.nodes.length > 8 ? [`    … and ${v.nodes.length - 8} more`] : [];
    return [`${v.id} (${v.impact}): ${v.help}`, ...nodes, ...more].join('\n');
  });
}

import type { ClientModule } from '@docusaurus/types';

/*
 * Docusaurus lets a wide table scroll sideways inside the text column. A region
 * that scrolls must be reachable by keyboard (WCAG 2.1.1), so a table wider than
 * its box gets a tab stop and a name; one that fits is left alone.
 */
function markScrollableTables(): void {
  document.querySelectorAll<HTMLTableElement>('.theme-doc-markdown table').forEach((table) => {
    if (table.scrollWidth > table.clientWidth + 1) {
      table.tabIndex = 0;
      if (!table.hasAttribute('aria-label')) {
        const header = table.querySelector('th')?.textContent?.trim();
        table.setAttribute('aria-label', header ? `Table: ${header}, scrolls sideways` : 'Table, scrolls sideways');
      }
    }
  });
}

const scrollableTables: ClientModule = {
  onRouteDidUpdate() {
    // After the new page has painted, so that widths are known.
    requestAnimationFrame(markScrollableTables);
  },
};

export default scrollableTables;

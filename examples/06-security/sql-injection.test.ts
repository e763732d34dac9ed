import { describe, it, expect, vi } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { captureShown } from '../sim';
import main, { simulate, facts, createShop, searchUnsafe, searchSafe, actAsTenant, INJECTION, SESSION_TENANT } from './sql-injection';

// Real PostgreSQL (PGlite, WebAssembly): each database takes a second or more to start.
describe('SQL injection and row-level security in PostgreSQL', async () => {
  const r = await simulate();
  const tenants = (rows: { tenant: string }[]) => [...new Set(rows.map((row) => row.tenant))].sort();

  it('the pasted search finds one customer honestly, and every row of every tenant when injected', () => {
    expect(r.rows).toBe(9);
    expect(r.honest.map((o) => o.customer)).toEqual(['Ada', 'Ada', 'Ada']);
    expect(r.injected).toHaveLength(9);
    expect(tenants(r.injected)).toEqual(['acme', 'globex', 'initech']);
  });

  it('the same input as a parameter is a name nobody has: no rows', () => {
    expect(r.parameterised).toEqual([]);
  });

  it("row-level security limits even the injected query to the session's tenant", () => {
    expect(r.isolatedInjected).toHaveLength(3);
    expect(tenants(r.isolatedInjected)).toEqual([SESSION_TENANT]);
    expect(r.isolatedHonest.map((o) => [o.tenant, o.customer])).toEqual([[SESSION_TENANT, 'Ada']]);
  });

  it('without the policy, the application role reads every tenant: the policy is what limits it', async () => {
    const db = new PGlite();
    try {
      await createShop(db);
      await actAsTenant(db, SESSION_TENANT);
      expect(tenants(await searchUnsafe(db, INJECTION))).toEqual(['acme', 'globex', 'initech']);
      expect(await searchSafe(db, 'Ada')).toHaveLength(3);
    } finally {
      await db.close();
    }
  });

  it('states its facts from the run', async () => {
    expect(await facts()).toEqual({
      rows: 9,
      tenants: 3,
      honestRows: 3,
      injectedRows: 9,
      injectionReadsEveryRow: true,
      parameterNeutralises: true,
      isolatedInjectedRows: 3,
      rlsLimitsInjectionToOneTenant: true,
    });
  });

  it('shows the table and the injected query', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      const shown = await captureShown(main);
      expect(shown).toHaveLength(1);
      expect(shown[0].rows.map((row: string[]) => row[2])).toEqual([
        '3 rows, tenants: acme, globex, initech',
        '9 rows, tenants: acme, globex, initech',
        'no rows',
        '3 rows, tenants: acme',
        '1 row, tenants: acme',
      ]);
      expect(log.mock.calls.flat().join('\n')).toContain(`customer = '${INJECTION}'`);
    } finally {
      log.mockRestore();
    }
  });
});

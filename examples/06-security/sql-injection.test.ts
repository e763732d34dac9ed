import { describe, it, expect, vi } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { captureShown } from '../sim';
import main, { simulate, facts, createShop, isolateTenants, searchUnsafe, searchSafe, asTenant, INJECTION, SESSION_TENANT, TENANT_SWITCH } from './sql-injection';

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

  it("row-level security limits the pasted query to the request's tenant", () => {
    expect(r.isolatedInjected).toHaveLength(3);
    expect(tenants(r.isolatedInjected)).toEqual([SESSION_TENANT]);
    expect(r.isolatedHonest.map((o) => [o.tenant, o.customer])).toEqual([[SESSION_TENANT, 'Ada']]);
  });

  it('but injected SQL can rewrite the tenant setting itself and read another tenant', () => {
    expect(tenants(r.tenantSwitched)).toEqual(['acme', 'globex']);
    expect(r.tenantSwitched).toHaveLength(4);
  });

  it('a request that forgot to set its tenant reads nothing (the policy fails closed)', () => {
    expect(r.noTenant).toEqual([]);
  });

  it('without the policy the role reads every tenant; with it, tenant and role end with the transaction', async () => {
    const db = new PGlite();
    try {
      await createShop(db);
      // The policy is what limits the application's role, not the role itself.
      expect(tenants(await asTenant(db, SESSION_TENANT, (tx) => searchUnsafe(tx, INJECTION)))).toEqual(['acme', 'globex', 'initech']);
      expect(await asTenant(db, SESSION_TENANT, (tx) => searchSafe(tx, 'Ada'))).toHaveLength(3);
      // After the injected switch, nothing of the request is left on the connection.
      await isolateTenants(db);
      await asTenant(db, SESSION_TENANT, (tx) => searchUnsafe(tx, TENANT_SWITCH));
      const after = await db.query<{ tenant: string | null; role: string }>("SELECT current_setting('app.tenant', true) AS tenant, current_user AS role");
      expect(after.rows[0].tenant ?? '').toBe('');
      expect(after.rows[0].role).toBe('postgres');
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
      tenantSwitchRows: 4,
      tenantSwitchReadsAnotherTenant: true,
      isolatedHonestRows: 1,
      noTenantFailsClosed: true,
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
        '4 rows, tenants: acme, globex',
        '1 row, tenants: acme',
        'no rows',
      ]);
      expect(log.mock.calls.flat().join('\n')).toContain(`customer = '${INJECTION}'`);
    } finally {
      log.mockRestore();
    }
  });
});

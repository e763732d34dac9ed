/**
 * SQL injection and row-level security, in a real PostgreSQL (PGlite: Postgres compiled to
 * WebAssembly, running in this page or in Node).
 *
 * A shop serves several tenants (companies) from one `orders` table. The
 * order search pastes the customer's name into its SQL. Type a name and you
 * get that customer's orders; type `' OR '1'='1` and the WHERE clause becomes
 * always true, so you get every order of every tenant. The same search with
 * the name passed as a parameter ($1) finds nothing for that input: the
 * database receives the query and the value separately, and the value is
 * never read as SQL.
 *
 * Then row-level security: a policy on the table lets the application's
 * database role see only the rows of the tenant set for the session. Even
 * the vulnerable search, injected, now returns only that tenant's rows:
 * the flaw is still there, but it reads less.
 *
 * Change INJECTION, SESSION_TENANT or the policy and run again. In the page,
 * the first Run fetches PostgreSQL from this site (a few megabytes) and creates
 * a database once; each later Run starts from a fresh copy of it.
 */
import { PGlite } from '@electric-sql/pglite';
import { show, table } from '../sim';

/** What an attacker types into the search box. */
export const INJECTION = "' OR '1'='1";
/** An honest search. */
export const HONEST_SEARCH = 'Ada';
/** The tenant the application sets for the session, from the signed-in user's token. */
export const SESSION_TENANT = 'acme';

const TENANTS = ['acme', 'globex', 'initech'];
const CUSTOMERS = ['Ada', 'Grace', 'Linus'];

/** Makes the orders table: every tenant has an order from every customer. */
export async function createShop(db: PGlite): Promise<number> {
  await db.exec(`
    CREATE TABLE orders (id serial PRIMARY KEY, tenant text NOT NULL, customer text NOT NULL, total_cents integer NOT NULL);
    -- The application connects as this role; the table's owner is not it.
    CREATE ROLE shop_app NOLOGIN;
    GRANT SELECT ON orders TO shop_app;
  `);
  let rows = 0;
  for (const [t, tenant] of TENANTS.entries()) {
    for (const [c, customer] of CUSTOMERS.entries()) {
      await db.query('INSERT INTO orders (tenant, customer, total_cents) VALUES ($1, $2, $3)', [tenant, customer, 1_000 * (t + 1) + 100 * c]);
      rows++;
    }
  }
  return rows;
}

export interface Order {
  id: number;
  tenant: string;
  customer: string;
  total_cents: number;
}

/** The flaw: the reader's input becomes part of the SQL text. */
export async function searchUnsafe(db: PGlite, customer: string): Promise<Order[]> {
  return (await db.query<Order>(`SELECT * FROM orders WHERE customer = '${customer}' ORDER BY id`)).rows;
}

/** The fix: the input is a parameter, sent apart from the SQL. */
export async function searchSafe(db: PGlite, customer: string): Promise<Order[]> {
  return (await db.query<Order>('SELECT * FROM orders WHERE customer = $1 ORDER BY id', [customer])).rows;
}

/** Row-level security: shop_app sees only the rows of the tenant its session names. */
export async function isolateTenants(db: PGlite): Promise<void> {
  await db.exec(`
    ALTER TABLE orders ENABLE ROW LEVEL SECURITY;
    CREATE POLICY tenant_isolation ON orders FOR SELECT TO shop_app
      USING (tenant = current_setting('app.tenant', true));
  `);
}

/** What the application does at the start of each request, from the authenticated session. */
export async function actAsTenant(db: PGlite, tenant: string): Promise<void> {
  await db.query("SELECT set_config('app.tenant', $1, false)", [tenant]);
  await db.exec('SET ROLE shop_app');
}

export interface InjectionResults {
  rows: number;
  tenants: number;
  honest: Order[];
  injected: Order[];
  parameterised: Order[];
  isolatedInjected: Order[];
  isolatedHonest: Order[];
}

export async function simulate(db?: PGlite): Promise<InjectionResults> {
  const own = db === undefined;
  db ??= new PGlite();
  try {
    const rows = await createShop(db);
    const honest = await searchUnsafe(db, HONEST_SEARCH);
    const injected = await searchUnsafe(db, INJECTION);
    const parameterised = await searchSafe(db, INJECTION);
    await isolateTenants(db);
    await actAsTenant(db, SESSION_TENANT);
    const isolatedInjected = await searchUnsafe(db, INJECTION);
    const isolatedHonest = await searchSafe(db, HONEST_SEARCH);
    return { rows, tenants: TENANTS.length, honest, injected, parameterised, isolatedInjected, isolatedHonest };
  } finally {
    if (own) await db.close();
  }
}

/** The figures chapter 06 shows. */
export async function facts() {
  const r = await simulate();
  const tenantsIn = (orders: Order[]) => new Set(orders.map((o) => o.tenant)).size;
  return {
    rows: r.rows,
    tenants: r.tenants,
    honestRows: r.honest.length,
    injectedRows: r.injected.length,
    injectionReadsEveryRow: r.injected.length === r.rows && tenantsIn(r.injected) === r.tenants,
    parameterNeutralises: r.parameterised.length === 0,
    isolatedInjectedRows: r.isolatedInjected.length,
    rlsLimitsInjectionToOneTenant: r.isolatedInjected.length > 0 && r.isolatedInjected.every((o) => o.tenant === SESSION_TENANT),
  };
}

const describe = (orders: Order[]) =>
  orders.length === 0 ? 'no rows' : `${orders.length} row${orders.length === 1 ? '' : 's'}, tenants: ${[...new Set(orders.map((o) => o.tenant))].join(', ')}`;

export default async function main(): Promise<void> {
  const r = await simulate();
  show(
    table(
      ['search', 'as written', 'result'],
      [
        ['pasted into the SQL', HONEST_SEARCH, describe(r.honest)],
        ['pasted into the SQL', INJECTION, describe(r.injected)],
        ['as parameter $1', INJECTION, describe(r.parameterised)],
        [`pasted, with row-level security (tenant ${SESSION_TENANT})`, INJECTION, describe(r.isolatedInjected)],
        [`as parameter $1, with row-level security (tenant ${SESSION_TENANT})`, HONEST_SEARCH, describe(r.isolatedHonest)],
      ],
      `${r.rows} orders of ${r.tenants} tenants in one PostgreSQL table`,
    ),
  );
  console.log(`The injected query the database received:\n  SELECT * FROM orders WHERE customer = '${INJECTION}' ORDER BY id`);
}

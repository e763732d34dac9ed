import { afterEach, describe, expect, it, vi } from 'vitest';
import main, { DRAWS, GREETING, draws } from './hello';

describe('the Playground test bench example', () => {
  afterEach(() => vi.restoreAllMocks());

  it('prints the greeting first', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    main();
    expect(log.mock.calls[0]).toEqual([GREETING]);
  });

  it('draws the same values for the same seed', () => {
    expect(draws()).toEqual(draws());
    expect(draws()).toHaveLength(DRAWS);
  });
});
